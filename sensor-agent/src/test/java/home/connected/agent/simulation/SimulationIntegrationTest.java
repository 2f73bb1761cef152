package home.connected.agent.simulation;

import static home.connected.agent.publish.MqttWatcher.on;
import static org.assertj.core.api.Assertions.assertThat;

import home.connected.agent.SensorAgentApplication;
import home.connected.agent.publish.MqttWatcher;
import home.connected.agent.publish.TestBroker;
import home.connected.contracts.Topics;
import home.connected.testing.DevServices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulation mode against the dev broker: 2 devices × 3 sensors provision their own client,
 * say {@code online} (retained), publish our JSON, and say {@code offline} when the agent stops.
 */
class SimulationIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void simulatedDevicesPublishReadingsAndPresence() throws Exception {
        DevServices services = DevServices.get();
        String run = TestBroker.unique();
        String username = "agent-test-" + run;
        String prefix = "simtest-" + run + "-";
        List<String> devices = List.of(prefix + "001", prefix + "002");
        try (MqttWatcher watcher = new MqttWatcher(Topics.ALL_READINGS, Topics.ALL_STATUSES)) {
            // command-line arguments, as SpringApplicationBuilder.properties() would lose to application.yml
            ConfigurableApplicationContext agent = new SpringApplicationBuilder(SensorAgentApplication.class)
                    .run(
                            "--server.port=0",
                            "--ch.agent.simulation.enabled=true",
                            "--ch.agent.simulation.devices=2",
                            "--ch.agent.simulation.sensors-per-device=3",
                            "--ch.agent.simulation.interval=200ms",
                            "--ch.agent.simulation.gap-probability=0",
                            "--ch.agent.simulation.device-prefix=" + prefix,
                            "--ch.agent.mqtt.url=" + services.mqttUrl(),
                            "--ch.agent.mqtt.provision-with-admin=true",
                            "--ch.agent.mqtt.admin-username=" + services.mqttAdminUser(),
                            "--ch.agent.mqtt.admin-password=" + services.mqttAdminPassword(),
                            "--ch.agent.mqtt.provisioned-username=" + username);
            try {
                for (String device : devices) {
                    watcher.await(on(TestBroker.statusTopic(device), "online"), 1, TIMEOUT, device + " online");
                    List<MqttWatcher.Arrived> messages =
                            watcher.await(on(Topics.readings(device)), 3, TIMEOUT, device + " readings");
                    for (MqttWatcher.Arrived message : messages) {
                        assertWellFormed(message.payload());
                    }
                }
                try (MqttWatcher late = new MqttWatcher(Topics.ALL_STATUSES)) {
                    for (String device : devices) {
                        List<MqttWatcher.Arrived> retained = late.await(
                                on(TestBroker.statusTopic(device), "online"), 1, TIMEOUT, device + " retained online");
                        assertThat(retained.get(0).retained()).isTrue();
                    }
                }
            } finally {
                agent.close();
            }
            for (String device : devices) {
                watcher.await(on(TestBroker.statusTopic(device), "offline"), 1, TIMEOUT, device + " offline on stop");
            }
        } finally {
            TestBroker.cleanUp(username, devices);
        }
    }

    private static void assertWellFormed(String payload) {
        JsonNode readings = JSON.readTree(payload).get("readings");
        assertThat(readings.size()).isEqualTo(3);
        Set<String> quantities = Set.of("temperature", "humidity", "co2");
        for (JsonNode reading : readings) {
            assertThat(reading.propertyNames()).containsExactly("sensor", "quantity", "value", "unit", "ts");
            assertThat(reading.get("quantity").asString()).isIn(quantities);
            assertThat(reading.get("sensor").asString()).isIn("bme280", "scd41");
            assertThat(reading.get("value").isNumber()).isTrue();
            assertThat(Instant.parse(reading.get("ts").asString()))
                    .isBetween(Instant.now().minusSeconds(60), Instant.now());
        }
        assertThat(readings.valueStream().map(r -> r.get("quantity").asString()))
                .containsExactlyInAnyOrderElementsOf(quantities);
    }
}
