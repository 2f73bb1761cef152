package home.connected.agent.publish;

import static home.connected.agent.publish.MqttWatcher.on;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import home.connected.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Against the dev broker: our JSON at QoS 1, retained presence, and the last will after a crash. */
class ReadingPublisherTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Test
    void publishesOurJsonAndPresenceWithTheLastWillOnACrash() throws Exception {
        String run = TestBroker.unique();
        String username = "agent-test-" + run;
        String deviceId = "pubtest-" + run;
        MqttCredentials credentials =
                PublisherProvisioning.provision(TestBroker.provisioningProperties(username), List.of(deviceId));
        String status = TestBroker.statusTopic(deviceId);
        String readings = Topics.readings(deviceId);
        try (MqttWatcher watcher = new MqttWatcher(Topics.deviceTree(deviceId))) {
            ReadingPublisher publisher = new ReadingPublisher(
                    TestBroker.provisioningProperties(username).url(), deviceId, credentials);
            publisher.start();
            watcher.await(on(status, "online"), 1, TIMEOUT, "online on connect");

            Instant at = Instant.parse("2026-11-26T08:15:00.250Z");
            assertThat(publisher.publish(List.of(
                            new AgentReading("bme280", "temperature", 21.48, "°C", at),
                            new AgentReading("bme280", "humidity", 43.1, "%", at))))
                    .isTrue();
            String payload =
                    watcher.await(on(readings), 1, TIMEOUT, "readings").get(0).payload();
            JsonNode json = JsonMapper.builder().build().readTree(payload);
            assertThat(json.toString())
                    .isEqualTo("{\"readings\":["
                            + "{\"sensor\":\"bme280\",\"quantity\":\"temperature\",\"value\":21.48,\"unit\":\"°C\","
                            + "\"ts\":\"2026-11-26T08:15:00.250Z\"},"
                            + "{\"sensor\":\"bme280\",\"quantity\":\"humidity\",\"value\":43.1,\"unit\":\"%\","
                            + "\"ts\":\"2026-11-26T08:15:00.250Z\"}]}");

            publisher.closeAbruptly();
            watcher.await(on(status, "offline"), 1, TIMEOUT, "the last will after an abrupt close");
        } finally {
            TestBroker.cleanUp(username, List.of(deviceId));
        }
    }

    @Test
    void provisioningIsIdempotentAndLimitsTheClientToItsDevices() throws Exception {
        String run = TestBroker.unique();
        String username = "agent-test-" + run;
        String deviceId = "pubtest-" + run;
        MqttProperties properties = TestBroker.provisioningProperties(username);
        PublisherProvisioning.provision(properties, List.of(deviceId));
        MqttCredentials again = PublisherProvisioning.provision(properties, List.of(deviceId));
        try (MqttWatcher watcher = new MqttWatcher(Topics.ALL_READINGS)) {
            ReadingPublisher allowed = new ReadingPublisher(properties.url(), deviceId, again);
            ReadingPublisher foreign = new ReadingPublisher(properties.url(), "other-" + run, again);
            allowed.start();
            foreign.start();
            AgentReading reading = new AgentReading("s", "q", 1, "", Instant.now());
            awaitConnected(allowed);
            awaitConnected(foreign);
            allowed.publish(List.of(reading));
            foreign.publish(List.of(reading));
            watcher.await(on(Topics.readings(deviceId)), 1, TIMEOUT, "allowed device");
            awaitAcknowledged(foreign);
            assertThat(watcher.arrived(on(Topics.readings("other-" + run))))
                    .as("a device outside the client's ACL")
                    .isEmpty();
            allowed.close();
            foreign.close();
        } finally {
            TestBroker.cleanUp(username, List.of(deviceId));
        }
    }

    private static void awaitConnected(ReadingPublisher publisher) {
        await().atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(publisher.isConnected())
                        .as(publisher.deviceId() + " connected")
                        .isTrue());
    }

    /** The broker answers a publish outside the ACL too (PUBACK 135), so waiting for it is deterministic. */
    private static void awaitAcknowledged(ReadingPublisher publisher) {
        await().atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> publisher.publishedCount() + publisher.failedCount() > 0);
        assertThat(publisher.publishedCount() + publisher.failedCount()).isEqualTo(1);
    }
}
