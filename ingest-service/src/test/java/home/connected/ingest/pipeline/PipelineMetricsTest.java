package home.connected.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import home.connected.ingest.IngestSpringTest;
import home.connected.testing.ActuatorProbes;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** The metrics the dashboards and alert rules read, as Prometheus scrapes them from the running service. */
class PipelineMetricsTest extends IngestSpringTest {

    private static final Duration QUIET = Duration.ofSeconds(15);

    private static MqttAsyncClient publisher;
    private static StoredReadings stored;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private final String device = "metrics-" + UUID.randomUUID().toString().substring(0, 12);

    @BeforeAll
    static void connect() throws Exception {
        publisher = TestBroker.devicePublisher();
        stored = new StoredReadings();
    }

    @AfterAll
    static void disconnect() throws Exception {
        TestBroker.close(publisher);
        stored.close();
    }

    @BeforeEach
    void ready() {
        awaitReady(port);
    }

    @Test
    void aStoredReadingSetsItsDevicesLastReadingAndIsTimedFromDeliveryToWrite() throws Exception {
        double lagsBefore = sample("ingest_lag_seconds_count{application=\"ingest-service\"}");
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TestBroker.publish(publisher, NativeJson.topic(device), NativeJson.readings(0, 3, before.minusSeconds(60)));
        stored.awaitCount(device, 3, QUIET);

        await().atMost(QUIET).untilAsserted(() -> {
            double last = sample("ingest_device_last_reading_timestamp_seconds{application=\"ingest-service\",device=\""
                    + device + "\"}");
            assertThat(last)
                    .isBetween((double) before.getEpochSecond(), Instant.now().getEpochSecond() + 1.0);
        });
        assertThat(scrape())
                .contains("ingest_device_usual_interval_seconds{application=\"ingest-service\",device=\"" + device
                        + "\"} NaN");
        assertThat(sample("ingest_lag_seconds_count{application=\"ingest-service\"}"))
                .isGreaterThanOrEqualTo(lagsBefore + 1);
        assertThat(scrape()).contains("ingest_lag_seconds_bucket{application=\"ingest-service\",le=\"0.1\"}");
    }

    @Test
    void serviceReadyFollowsReadinessAndTheDependenciesAreUp() throws Exception {
        // the health behind these gauges is asked in the background, every ch.metrics.refresh (5 s)
        awaitSample("service_ready{application=\"ingest-service\"}", 1);
        awaitSample("service_dependency_up{application=\"ingest-service\",dependency=\"influxdb\"}", 1);
        awaitSample("service_dependency_up{application=\"ingest-service\",dependency=\"mqtt\"}", 1);
        assertThat(scrape()).doesNotContain("dependency=\"mariadb\"");
        try {
            AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
            awaitSample("service_ready{application=\"ingest-service\"}", 0);
        } finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
        awaitSample("service_ready{application=\"ingest-service\"}", 1);
    }

    private void awaitSample(String series, double value) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(sample(series)).isEqualTo(value));
    }

    /** The value of one exposed sample, given exactly as Prometheus's text format prints its name and labels. */
    private double sample(String series) throws Exception {
        return scrape().lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + series));
    }

    private String scrape() {
        HttpResponse<String> response = ActuatorProbes.get(port, ActuatorProbes.PROMETHEUS);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
