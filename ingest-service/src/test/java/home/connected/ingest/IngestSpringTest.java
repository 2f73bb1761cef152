package home.connected.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import home.connected.testing.ActuatorProbes;
import home.connected.testing.DevServices;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one Spring context of this module's tests: ingest-service against the dev services, with a
 * broker client, persistent sessions and a share group of its own, so that it splits the stream
 * with no other consumer and leaves the dev broker's other clients alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IngestSpringTest {

    private static final Map<String, String> ENVIRONMENT = environment("ctx");

    @DynamicPropertySource
    static void devServices(DynamicPropertyRegistry registry) {
        ENVIRONMENT.forEach((name, value) -> registry.add(name, () -> value));
    }

    /** Waits until readiness is UP: connected, subscribed, InfluxDB answering. Fails after 30 s. */
    public static void awaitReady(int port) {
        await("ingest-service ready")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    HttpResponse<String> readiness = ActuatorProbes.get(port, ActuatorProbes.READINESS);
                    assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
                });
    }

    /**
     * The {@code CH_*} variables for one ingest instance: the dev services' connection details, and
     * a broker client, client ids and share group unique to {@code name} in this test run.
     */
    public static Map<String, String> environment(String name) {
        DevServices services = DevServices.get();
        services.requireListening("Mosquitto", services.mqttUrl());
        services.requireListening("InfluxDB front", services.influxUrl());
        String unique = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> environment = new HashMap<>();
        environment.put("CH_MQTT_URL", services.mqttUrl());
        environment.put("CH_MQTT_ADMIN_USER", services.mqttAdminUser());
        environment.put("CH_MQTT_ADMIN_PASSWORD", services.mqttAdminPassword());
        environment.put("CH_INFLUX_URL", services.influxUrl());
        environment.put("CH_INFLUX_TOKEN", services.influxToken());
        environment.put("CH_INFLUX_ORG", services.influxOrg());
        environment.put("CH_INFLUX_BUCKET", services.influxBucket());
        environment.put("CH_INGEST_MQTT_USER", "ingest-test-" + unique);
        environment.put("CH_INGEST_MQTT_PASSWORD", UUID.randomUUID().toString());
        environment.put("CH_INGEST_MQTT_PROVISION", "true");
        environment.put("CH_INGEST_MQTT_CLIENT_ID", "ingest-test-" + unique);
        environment.put("CH_INGEST_MQTT_SESSION_EXPIRY", "5m");
        environment.put("CH_INGEST_MQTT_SHARE_GROUP", "ingest-test-" + unique);
        // Test sessions must not collect the dev broker's traffic for long after the test.
        environment.put("CH_INGEST_MQTT_SESSION_EXPIRY", "5m");
        return environment;
    }
}
