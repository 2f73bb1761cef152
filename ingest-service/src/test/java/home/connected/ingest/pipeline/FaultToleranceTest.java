package home.connected.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import home.connected.ingest.IngestSpringTest;
import home.connected.mqtt.MqttConnection;
import home.connected.testing.ThrowawayMosquitto;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults mid-stream, each against a throwaway instance this test starts and stops itself (the
 * shared dev services are never stopped), counting published against stored readings.
 */
class FaultToleranceTest {

    private static final int MESSAGES = 300;
    private static final int PER_MESSAGE = 10;
    private static final Duration QUIET = Duration.ofSeconds(30);

    private final String device = "fault-" + UUID.randomUUID().toString().substring(0, 12);
    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
    private StoredReadings stored;

    @BeforeEach
    void open() {
        stored = new StoredReadings();
    }

    @AfterEach
    void close() {
        stored.close();
    }

    @Test
    void influxDbUnreachableForAWhileLosesNothing() throws Exception {
        int frontPort = ChildProcess.freePort();
        Map<String, String> environment = new HashMap<>(IngestSpringTest.environment("fault-influx"));
        environment.put("CH_INFLUX_URL", "http://127.0.0.1:" + frontPort);
        try (ChildProcess front = ThrowawayServers.influxFront(frontPort);
                IngestChild ingest = IngestChild.create("influx-outage", environment)) {
            front.start();
            ChildProcess.awaitListening(frontPort, front);
            ingest.start();
            ingest.awaitReadiness(200);
            MqttAsyncClient publisher = TestBroker.devicePublisher();
            try {
                publish(publisher, 0, 100);
                front.stop();
                ingest.awaitReadiness(503);
                publish(publisher, 100, 200);
                front.start();
                ChildProcess.awaitListening(frontPort, front);
                publish(publisher, 200, MESSAGES);

                assertThat(stored.awaitCount(device, MESSAGES * PER_MESSAGE, QUIET))
                        .isEqualTo(MESSAGES * PER_MESSAGE);
                ingest.awaitReadiness(200);
            } finally {
                TestBroker.close(publisher);
            }
        }
    }

    /**
     * With the default subscriptions: plain, on one connection. Mosquitto 2.0.11 does not restore
     * shared subscriptions from its persistence file, so with a share group whatever is published
     * between the restart and ingest's resubscription would be dropped (no subscriber matches).
     */
    @Test
    void aMosquittoRestartLosesNothing() throws Exception {
        ThrowawayMosquitto broker = ThrowawayMosquitto.create();
        String brokerUrl = broker.url();
        Map<String, String> environment = new HashMap<>(IngestSpringTest.environment("fault-mqtt"));
        environment.put("CH_MQTT_URL", brokerUrl);
        environment.put("CH_INGEST_MQTT_PROVISION", "false");
        environment.remove("CH_INGEST_MQTT_SHARE_GROUP");
        try (broker;
                IngestChild ingest = IngestChild.create("mosquitto-restart", environment)) {
            broker.start();
            ingest.start();
            ingest.awaitReadiness(200);
            // a device as the agent is one: it keeps what it publishes while the broker is away
            MqttConnection publisher = MqttConnection.builder("fault-publisher", brokerUrl, "publisher-" + device)
                    .persistentSession(Duration.ofMinutes(10))
                    .offlineBuffer(MESSAGES)
                    .build()
                    .start();
            try {
                List<CompletableFuture<MqttConnection.Delivery>> deliveries = new ArrayList<>();
                assertThat(publisher.awaitConnected(QUIET)).isTrue();
                publish(publisher, 0, 150, deliveries);
                broker.stop();
                ingest.awaitReadiness(503);
                broker.start();
                publish(publisher, 150, MESSAGES, deliveries);

                assertThat(stored.awaitCount(device, MESSAGES * PER_MESSAGE, QUIET))
                        .isEqualTo(MESSAGES * PER_MESSAGE);
                ingest.awaitReadiness(200);
                assertThat(deliveries)
                        .allSatisfy(delivery ->
                                assertThat(delivery.get().accepted()).isTrue());
            } finally {
                publisher.close();
            }
        }
    }

    @Test
    void ingestKilledMidBatchGetsWhatWasPublishedWhileItWasDown() throws Exception {
        Map<String, String> environment = IngestSpringTest.environment("fault-kill");
        MqttAsyncClient publisher = TestBroker.devicePublisher();
        try {
            try (IngestChild first = IngestChild.create("killed", environment)) {
                first.start();
                first.awaitReadiness(200);
                publish(publisher, 0, 150);
                first.kill();
            }
            publish(publisher, 150, MESSAGES);
            try (IngestChild second = IngestChild.create("restarted", environment)) {
                second.start();
                second.awaitReadiness(200);

                assertThat(stored.awaitCount(device, MESSAGES * PER_MESSAGE, QUIET))
                        .isEqualTo(MESSAGES * PER_MESSAGE);
            }
        } finally {
            TestBroker.close(publisher);
        }
    }

    private void publish(MqttAsyncClient publisher, int fromMessage, int toMessage) throws MqttException {
        for (int m = fromMessage; m < toMessage; m++) {
            TestBroker.publish(
                    publisher, NativeJson.topic(device), NativeJson.readings(m * PER_MESSAGE, PER_MESSAGE, start));
        }
    }

    private void publish(
            MqttConnection publisher,
            int fromMessage,
            int toMessage,
            List<CompletableFuture<MqttConnection.Delivery>> deliveries) {
        for (int m = fromMessage; m < toMessage; m++) {
            String payload = NativeJson.readings(m * PER_MESSAGE, PER_MESSAGE, start);
            deliveries.add(
                    publisher.publish(NativeJson.topic(device), payload.getBytes(StandardCharsets.UTF_8), 1, false));
        }
    }
}
