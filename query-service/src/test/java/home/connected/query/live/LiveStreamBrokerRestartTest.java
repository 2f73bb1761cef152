package home.connected.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import home.connected.contracts.Topics;
import home.connected.contracts.query.v1.Reading;
import home.connected.mqtt.MqttConnection;
import home.connected.query.QueryProperties;
import home.connected.query.catalogue.RecentLastValues;
import home.connected.query.place.DevicePlaces;
import home.connected.query.rollup.LateReadings;
import home.connected.query.status.DeviceStatuses;
import home.connected.testing.ThrowawayMosquitto;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The live stream's broker subscription against a throwaway Mosquitto that the test restarts. */
class LiveStreamBrokerRestartTest {

    private static final Duration BACK = Duration.ofSeconds(10);

    @Test
    void storedReadingsFlowAgainWithinSecondsOfABrokerRestart() {
        try (ThrowawayMosquitto broker = ThrowawayMosquitto.started()) {
            QueryProperties properties = new QueryProperties(
                    null,
                    new QueryProperties.Mqtt(broker.url(), null, null, "live-restart"),
                    new QueryProperties.Live(100, 10),
                    null,
                    new QueryProperties.Limits(
                            Duration.ofDays(30), 200, 50, Duration.ofDays(400), 500, 5000, 256, Duration.ofSeconds(5)),
                    null);
            JsonMapper json = JsonMapper.builder().build();
            DevicePlaces places = new DevicePlaces(json);
            Recording live = new Recording(properties, places);
            StoredReadingsSubscriber subscriber = new StoredReadingsSubscriber(
                    properties,
                    live,
                    places,
                    new DeviceStatuses(Clock.systemUTC()),
                    new RecentLastValues(properties, Clock.systemUTC()),
                    new LateReadings(),
                    json);
            MqttConnection ingest = MqttConnection.builder("ingest", broker.url(), "ingest-like")
                    .build()
                    .start();
            try {
                subscriber.start();
                await().atMost(BACK).until(() -> subscriber.receiving() && ingest.connected());
                announce(ingest, 1.0);
                await().atMost(BACK).until(() -> live.values().contains(1.0));

                broker.restart();

                await().atMost(BACK).until(() -> subscriber.receiving() && ingest.connected());
                announce(ingest, 2.0);
                await().atMost(BACK).until(() -> live.values().contains(2.0));
                assertThat(subscriber.connections().get(0).reconnects()).isEqualTo(1);
            } finally {
                subscriber.stop();
                ingest.close();
            }
            assertThat(subscriber.receiving()).isFalse();
        }
    }

    private static void announce(MqttConnection ingest, double value) {
        String json = "{\"readings\":[{\"device\":\"pi-1\",\"sensor\":\"bme280\",\"quantity\":\"temperature\","
                + "\"value\":" + value + ",\"unit\":\"°C\",\"location\":\"lab\",\"source\":\"native\","
                + "\"ts\":\"2026-11-26T08:15:00Z\"}]}";
        ingest.publish(Topics.stored("pi-1"), json.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    /** Records what the subscriber hands to the live streams. */
    private static final class Recording extends LiveReadings {

        private final List<Reading> readings = new CopyOnWriteArrayList<>();

        Recording(QueryProperties properties, DevicePlaces places) {
            super(properties, places);
        }

        @Override
        void publish(Reading reading) {
            readings.add(reading);
        }

        List<Double> values() {
            return readings.stream().map(Reading::getValue).toList();
        }
    }
}
