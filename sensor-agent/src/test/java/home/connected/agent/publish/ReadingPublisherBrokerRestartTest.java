package home.connected.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import home.connected.contracts.Topics;
import home.connected.mqtt.MqttConnection;
import home.connected.testing.ThrowawayMosquitto;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The agent's publisher against a throwaway Mosquitto that the test stops and starts. */
class ReadingPublisherBrokerRestartTest {

    private static final Duration BACK = Duration.ofSeconds(10);

    @Test
    void readingsTakenWhileTheBrokerIsAwayArriveAfterItsRestartAndTheDeviceIsOnlineAgain() {
        String deviceId = "restart-pi";
        try (ThrowawayMosquitto broker = ThrowawayMosquitto.started()) {
            List<String> readings = new CopyOnWriteArrayList<>();
            List<String> statuses = new CopyOnWriteArrayList<>();
            // a persistent session: what the agent sends before this watcher is back is kept for it
            MqttConnection watcher = MqttConnection.builder("watcher", broker.url(), "restart-watcher")
                    .persistentSession(Duration.ofHours(1))
                    .subscribe(Topics.readings(deviceId), 1)
                    .subscribe(Topics.status(deviceId), 1)
                    .onMessage((topic, message) -> {
                        String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
                        (topic.endsWith("/status") ? statuses : readings).add(payload);
                    })
                    .build()
                    .start();
            ReadingPublisher publisher = new ReadingPublisher(broker.url(), deviceId, new MqttCredentials(null, null));
            try {
                await().atMost(BACK).until(watcher::subscribed);
                publisher.start();
                await().atMost(BACK).until(() -> statuses.contains("online"));
                publisher.publish(List.of(reading(1)));
                await().atMost(BACK).until(() -> readings.stream().anyMatch(r -> r.contains("\"value\":1.0")));

                broker.stop();
                await().atMost(BACK).until(() -> !publisher.isConnected());
                assertThat(publisher.publish(List.of(reading(2)))).isTrue();
                assertThat(publisher.publish(List.of(reading(3)))).isTrue();
                broker.start();

                await().atMost(BACK).until(publisher::isConnected);
                publisher.publish(List.of(reading(4)));
                await().atMost(BACK)
                        .until(() -> List.of(2, 3, 4).stream()
                                .allMatch(v -> readings.stream().anyMatch(r -> r.contains("\"value\":" + v + ".0"))));
                await().atMost(BACK).until(() -> publisher.publishedCount() == 4);
                assertThat(publisher.failedCount()).isZero();
                assertThat(publisher.connection().reconnects()).isEqualTo(1);
                // the will may come in between, if the broker saw the connection drop before it stopped
                assertThat(statuses).last().isEqualTo("online");
            } finally {
                publisher.close();
                watcher.close();
            }
        }
    }

    private static AgentReading reading(int value) {
        return new AgentReading("bme280", "temperature", value, "°C", Instant.parse("2026-11-26T08:15:00Z"));
    }
}
