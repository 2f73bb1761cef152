package home.connected.piagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import home.connected.piagent.config.AgentConfig.SensorType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("fast")
class ConfigReaderTest {

    private static final String GOOD = """
            device-id: pi-living-room
            broker:
              url: tcp://127.0.0.1:1883
              password: secret
            buffer:
              directory: /tmp/agent-buffer
              max-size: 16MB
              max-age: 7d
              sync-interval: 0s
              replay-rate: 50
            clock:
              require-sync: false
            sysfs:
              w1: /fixtures/w1
            sensors:
              - type: bme280
                name: living-air
                address: 0x77
                location: Living room
                interval: 30s
                offset: {temperature: -0.4}
              - type: ds18b20
                name: freezer
                address: 28-0316a2795bff
                offset: 0.2
              - type: dht22
                name: bathroom
                interval: 10s
              - type: sysfs
                name: cpu
                path: /sys/class/hwmon/hwmon0/temp1_input
                quantity: temperature
                unit: °C
                scale: 0.001
            """;

    @TempDir
    Path directory;

    @Test
    void readsEverySetting() throws Exception {
        AgentConfig config = ConfigReader.read(write(GOOD));

        assertThat(config.deviceId()).isEqualTo("pi-living-room");
        assertThat(config.broker().username()).as("defaults to the device id").isEqualTo("pi-living-room");
        assertThat(config.broker().password()).isEqualTo("secret");
        assertThat(config.broker().tls()).isFalse();
        assertThat(config.buffer().maxBytes()).isEqualTo(16L << 20);
        assertThat(config.buffer().maxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(config.buffer().syncInterval()).isZero();
        assertThat(config.buffer().replayRate()).isEqualTo(50);
        assertThat(config.requireClockSync()).isFalse();
        assertThat(config.sysfs().w1()).isEqualTo(Path.of("/fixtures/w1"));
        assertThat(config.sysfs().iio()).as("default").isEqualTo(Path.of("/sys/bus/iio/devices"));
        assertThat(config.sensors()).hasSize(4);
        var bme = config.sensors().get(0);
        assertThat(bme.type()).isEqualTo(SensorType.BME280);
        assertThat(bme.bus()).isEqualTo(1);
        assertThat(bme.i2cAddress()).isEqualTo(0x77);
        assertThat(bme.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(bme.offsetFor("temperature")).isEqualTo(-0.4);
        assertThat(bme.offsetFor("humidity")).isZero();
        assertThat(bme.line()).isEqualTo(16);
        assertThat(config.sensors().get(1).offsetFor("temperature")).isEqualTo(0.2);
        assertThat(config.sensors().get(1).interval()).as("default").isEqualTo(Duration.ofSeconds(60));
        assertThat(config.sensors().get(2).path()).isEqualTo("iio:device0");
        assertThat(config.sensors().get(3).scale()).isEqualTo(0.001);
        assertThat(config.sensors().get(3).unit()).isEqualTo("°C");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            device-id: pi-living-room|device-id: Pi Living|1|device-id must be 1-64 lowercase
            url: tcp://127.0.0.1:1883|url: http://127.0.0.1:1883|3|broker.url must be tcp://host:port or ssl://host:port
            url: tcp://127.0.0.1:1883|url: tcp://127.0.0.1|3|broker.url must be tcp://host:port
            max-size: 16MB|max-size: lots|7|buffer.max-size must be a size such as 64MB
            max-age: 7d|max-age: -1d|8|buffer.max-age must be a duration
            replay-rate: 50|replay-rate: 0|10|buffer.replay-rate must be more than 0
            require-sync: false|require-sync: maybe|12|clock.require-sync must be true or false
            w1: /fixtures/w1|w1x: /fixtures/w1|14|sysfs.w1x is not a known setting here
            address: 0x77|address: 0x99|18|sensors[0].address must be between 3 and 119
            interval: 30s|interval: 30 seconds|20|sensors[0].interval must be a duration such as
            offset: {temperature: -0.4}|offset: {co2: 3}|21|sensors[0].offset names 'co2', which a bme280 does not measure
            offset: {temperature: -0.4}|offset: 0.3|21|sensors[0].offset of a bme280 names its quantity
            address: 28-0316a2795bff|address: 10-abc|24|sensors[1].address must be a 1-Wire id
            offset: 0.2|offset: NaN|25|sensors[1].offset must be a finite number, not 'NaN'
            interval: 10s|interval: 1s|28|sensors[2].interval must be at least 3s for a DHT22
            name: cpu|name: freezer|30|sensors[3].name 'freezer' is used by another sensor already
            type: sysfs|type: thermometer|29|sensors[3].type 'thermometer' is not a sensor type
            scale: 0.001|scale: 0|34|sensors[3].scale must not be 0
            password: secret|password: [a, b]|4|broker.password must be a text
            """)
    void namesTheLineAndWhatIsWrong(String good, String bad, int line, String message) throws IOException {
        assertThat(GOOD).contains(good);
        Path file = write(GOOD.replace(good, bad));

        assertThatThrownBy(() -> ConfigReader.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":" + line + ": ")
                .hasMessageContaining(message);
    }

    @Test
    void missingPartsAreNamed() throws IOException {
        assertThatThrownBy(() -> ConfigReader.read(write("device-id: pi\nsensors: []\n")))
                .hasMessageContaining(":1: broker is missing");
        assertThatThrownBy(() -> ConfigReader.read(write(GOOD.substring(0, GOOD.indexOf("sensors:")))))
                .hasMessageContaining("sensors must list at least one sensor");
        assertThatThrownBy(() -> ConfigReader.read(write(GOOD.replace("    name: cpu\n", ""))))
                .hasMessageContaining(":29: sensors[3].name is missing");
        assertThatThrownBy(() -> ConfigReader.read(write(""))).hasMessageContaining(":1: the file is empty");
        assertThatThrownBy(() -> ConfigReader.read(directory.resolve("absent.yml")))
                .hasMessageContaining("absent.yml: cannot be read");
    }

    @Test
    void brokenYamlNamesItsLine() throws IOException {
        Path file = write(GOOD.replace("  password: secret", "  password: \"secret"));

        assertThatThrownBy(() -> ConfigReader.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageMatching(".*agent.yml:\\d+: not valid YAML: .*");
    }

    @Test
    void aDuplicateKeyIsRefused() throws IOException {
        Path file = write(GOOD.replace("  password: secret", "  password: secret\n  password: other"));

        assertThatThrownBy(() -> ConfigReader.read(file)).hasMessageContaining(":5:");
    }

    @Test
    void tlsTakesAReadableCaFile() throws Exception {
        Path ca = Files.writeString(directory.resolve("ca.pem"), "not checked here");
        String tls = GOOD.replace("url: tcp://127.0.0.1:1883", "url: ssl://broker.home:8883\n  ca-file: " + ca);

        assertThat(ConfigReader.read(writeUnchecked(tls)).broker().caFile()).isEqualTo(ca);
        assertThatThrownBy(() -> ConfigReader.read(write(tls.replace(ca.toString(), "/nope/ca.pem"))))
                .hasMessageContaining(":4: broker.ca-file '/nope/ca.pem' cannot be read");
        assertThatThrownBy(() -> ConfigReader.read(write(tls.replace("ssl://", "tcp://"))))
                .hasMessageContaining("broker.ca-file is only used with an ssl:// url");
    }

    private Path writeUnchecked(String text) {
        try {
            return write(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path write(String text) throws IOException {
        return Files.writeString(directory.resolve("agent.yml"), text);
    }
}
