package home.connected.system.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import home.connected.testing.DevServices;
import home.connected.testing.InfluxQlReader;
import home.connected.testing.ScratchInflux;
import home.connected.testing.ServiceProcess;
import home.connected.testing.SysfsFixtures;
import home.connected.testing.ThrowawayMosquitto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged agent against a real broker that goes away and a real ingest-service writing to
 * InfluxDB: the agent reads a sensor (a hwmon fixture) every second and keeps every reading on disk
 * until the broker has it. After an outage of a few minutes, and after a {@code kill -9}, every
 * reading it took is in InfluxDB, each once, its timestamp the time it was taken.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentBufferTest {

    private static final Duration OUTAGE = Duration.ofMinutes(2);
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    /** Two readings of a 1 s schedule are never further apart than this when none is missing. */
    private static final Duration MAX_STEP = Duration.ofMillis(1_600);

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final ThrowawayMosquitto broker = ThrowawayMosquitto.create();
    private ScratchInflux influx;
    private ServiceProcess ingest;
    private InfluxQlReader readings;

    @TempDir
    Path directory;

    @BeforeAll
    void startIngest() {
        broker.start();
        influx = ScratchInflux.create("agent_buffer");
        Map<String, String> environment = new HashMap<>(DevServices.get().environment());
        environment.put("CH_MQTT_URL", broker.url());
        environment.put("CH_INGEST_MQTT_PROVISION", "false");
        environment.put("CH_INGEST_MQTT_CLIENT_ID", "agent-buffer-ingest-" + run);
        environment.put("CH_INGEST_MQTT_SESSION_EXPIRY", "5m");
        environment.put("CH_INFLUX_BUCKET", influx.bucket());
        ingest = ServiceProcess.of("ingest-service")
                .environment(environment)
                .log(Path.of("target", "agent-buffer-ingest-" + run + ".log"))
                .start();
        ingest.awaitReady();
        readings = InfluxQlReader.ofDevServices(influx.bucket());
    }

    @AfterAll
    void stopIngest() throws InterruptedException {
        if (readings != null) {
            readings.close();
        }
        if (ingest != null) {
            ingest.close();
        }
        broker.close();
        if (influx != null) {
            influx.drop();
        }
    }

    @Test
    void afterABrokerOutageOfMinutesEveryReadingArrivesOnceInOrder() throws Exception {
        String device = "outage-" + run;
        Path config = config(device);
        broker.start();
        try (AgentProcess agent = AgentProcess.start(config, directory.resolve("agent.log"))) {
            await().atMost(PATIENCE).until(() -> times(device).size() >= 3);

            broker.stop();
            Instant stoppedAt = Instant.now();
            await().during(OUTAGE).atMost(OUTAGE.plusSeconds(30)).until(agent::isAlive);
            Instant restartedAt = Instant.now();
            broker.start();

            await().atMost(PATIENCE).untilAsserted(() -> {
                List<Instant> times = times(device);
                assertThat(times.get(times.size() - 1)).isAfter(restartedAt.plusSeconds(3));
                assertNoneMissing(times);
            });
            List<Instant> times = times(device);
            long duringOutage = times.stream()
                    .filter(t -> t.isAfter(stoppedAt.plusSeconds(1)) && t.isBefore(restartedAt.minusSeconds(1)))
                    .count();
            assertThat(duringOutage)
                    .as("readings taken while the broker was away")
                    .isGreaterThanOrEqualTo(OUTAGE.toSeconds() - 4);
            assertThat(agent.log()).doesNotContain("Exception");
        }
    }

    @Test
    void readingsBufferedWhenTheAgentIsKilledArriveAfterItsRestart() throws Exception {
        String device = "killed-" + run;
        Path config = config(device);
        broker.stop();
        Path log = directory.resolve("killed.log");
        Instant killedAt;
        AgentProcess first = AgentProcess.start(config, log);
        try {
            await().atMost(PATIENCE)
                    .until(() -> Files.exists(directory.resolve(device).resolve("buffer")) && Files.size(log) > 0);
            // readings pile up on disk, with nowhere to go
            await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(20)).until(first::isAlive);
            killedAt = Instant.now();
            first.kill();
        } finally {
            first.close();
        }

        broker.start();
        try (AgentProcess second = AgentProcess.start(config, log)) {
            await().atMost(PATIENCE).untilAsserted(() -> {
                List<Instant> times = times(device);
                assertThat(times).isNotEmpty();
                assertThat(times.get(times.size() - 1)).isAfter(Instant.now().minusSeconds(5));
                List<Instant> beforeKill =
                        times.stream().filter(t -> t.isBefore(killedAt)).toList();
                assertThat(beforeKill.size())
                        .as("readings taken in the 8 s before the kill")
                        .isGreaterThanOrEqualTo(7);
                assertNoneMissing(beforeKill);
            });
        }
    }

    private Path config(String device) throws IOException {
        SysfsFixtures.value(directory.resolve(device).resolve("sys"), "class/hwmon/hwmon0/temp1_input", 21500);
        return Files.writeString(directory.resolve(device + ".yml"), """
                device-id: %1$s
                broker:
                  url: %2$s
                buffer:
                  directory: %3$s/buffer
                clock:
                  require-sync: false
                sysfs:
                  root: %3$s/sys
                sensors:
                  - type: sysfs
                    name: board
                    path: class/hwmon/hwmon0/temp1_input
                    quantity: temperature
                    unit: °C
                    scale: 0.001
                    interval: %4$ds
                """.formatted(
                        device, broker.url(), directory.resolve(device), INTERVAL.toSeconds()));
    }

    private List<Instant> times(String device) {
        List<Instant> times = new ArrayList<>();
        for (var row : readings.rows("SELECT value FROM reading WHERE device = '" + device + "' ORDER BY time")) {
            Object time = row.getValueByKey("time");
            times.add(Instant.EPOCH.plusNanos(Long.parseLong(String.valueOf(time))));
        }
        return times;
    }

    /** One reading a second with none missing: consecutive timestamps a step apart, and each once. */
    private static void assertNoneMissing(List<Instant> times) {
        for (int i = 1; i < times.size(); i++) {
            Duration step = Duration.between(times.get(i - 1), times.get(i));
            assertThat(step)
                    .as("step from %s to %s", times.get(i - 1), times.get(i))
                    .isPositive()
                    .isLessThanOrEqualTo(MAX_STEP);
        }
    }
}
