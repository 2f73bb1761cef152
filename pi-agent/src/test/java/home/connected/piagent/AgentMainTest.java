package home.connected.piagent;

import static org.assertj.core.api.Assertions.assertThat;

import home.connected.testing.SysfsFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: --check-config on sysfs fixtures, a bad file's exit status, --version. */
class AgentMainTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void fixtures() throws IOException {
        SysfsFixtures.ds18b20(directory.resolve("sys/bus/w1/devices"), "28-0316a2795bff", 23125);
        SysfsFixtures.dht22(directory.resolve("sys/bus/iio/devices"), "iio:device0", 22300, 45100);
    }

    @Test
    void checkConfigReadsEverySensorOnceAndSaysWhatItGot() throws Exception {
        Path config = config("""
                  - type: ds18b20
                    name: freezer
                    offset: 0.5
                  - type: dht22
                    name: bathroom
                """);

        assertThat(run("--config", config.toString(), "--check-config")).isZero();
        assertThat(output())
                .contains("device pi-test, broker tcp://127.0.0.1:1883 as pi-test")
                .contains("ok     freezer (ds18b20): temperature 23.63 °C")
                .contains("ok     bathroom (dht22): temperature 22.30 °C, humidity 45.10 %")
                .contains("every sensor reads");
    }

    @Test
    void checkConfigFailsOnASensorThatDoesNotRead() throws Exception {
        Files.writeString(
                directory.resolve("sys/bus/w1/devices/28-0316a2795bff/w1_slave"),
                "72 01 4b 46 7f ff 0e 10 57 : crc=00 NO\n72 01 4b 46 7f ff 0e 10 57 t=23125\n");
        Path config = config("""
                  - type: ds18b20
                    name: freezer
                  - type: bme280
                    name: air
                    bus: 250
                """);

        assertThat(run("--config", config.toString(), "--check-config")).isEqualTo(AgentMain.CHECK_FAILED);
        assertThat(output())
                .containsPattern("FAILED freezer \\(ds18b20\\): .*CRC")
                .contains("FAILED air (bme280): ")
                .contains("2 sensor(s) failed");
    }

    @Test
    void aBadFileStopsTheAgentWithItsLine() throws Exception {
        Path config = config("""
                  - type: ds18b20
                    name: freezer
                    interval: often
                """);

        assertThat(run("--config", config.toString())).isEqualTo(AgentMain.BAD_CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith(config + ":15: sensors[0].interval must be a duration");
    }

    @Test
    void versionAndUsage() throws Exception {
        assertThat(run("--version")).isZero();
        assertThat(output()).startsWith("connected-home-agent ");
        assertThat(run("--frobnicate")).isEqualTo(AgentMain.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: connected-home-agent");
    }

    private int run(String... args) throws Exception {
        return AgentMain.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private Path config(String sensors) throws IOException {
        return Files.writeString(directory.resolve("agent.yml"), """
                device-id: pi-test
                broker:
                  url: tcp://127.0.0.1:1883
                buffer:
                  directory: %1$s/buffer
                clock:
                  require-sync: false
                sysfs:
                  w1: %1$s/sys/bus/w1/devices
                  iio: %1$s/sys/bus/iio/devices
                  root: %1$s/sys
                sensors:
                """.formatted(directory) + sensors);
    }
}
