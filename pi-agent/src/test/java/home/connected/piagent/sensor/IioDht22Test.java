package home.connected.piagent.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IioDht22Test {

    @TempDir
    Path root;

    private final List<Duration> pauses = new ArrayList<>();

    @BeforeEach
    void dht11DriverDevice() throws IOException {
        Path device = Files.createDirectories(root.resolve("iio:device0"));
        Files.writeString(device.resolve("name"), "dht11@4\n");
        Files.writeString(device.resolve("in_temp_input"), "21300\n");
        Files.writeString(device.resolve("in_humidityrelative_input"), "45600\n");
    }

    @Test
    void readsTemperatureAndHumidityInMilliUnits() throws Exception {
        IioDht22 sensor = new IioDht22(root, "iio:device0");

        assertThat(sensor.read())
                .containsExactly(new Measurement("temperature", 21.3, "°C"), new Measurement("humidity", 45.6, "%"));
    }

    @Test
    void triesAgainTwoSecondsAfterAnInputOutputError() throws Exception {
        FailingSysfsFiles files = new FailingSysfsFiles(FailingSysfsFiles.EIO, 2);
        IioDht22 sensor = new IioDht22(root, "iio:device0", files, pauses::add);

        assertThat(sensor.read()).containsExactly(Measurement.temperature(21.3), Measurement.humidity(45.6));
        assertThat(pauses).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    void failsAfterThreeAttemptsThatTimedOut() {
        FailingSysfsFiles files = new FailingSysfsFiles(FailingSysfsFiles.ETIMEDOUT, Integer.MAX_VALUE);
        IioDht22 sensor = new IioDht22(root, "iio:device0", files, pauses::add);

        assertThatThrownBy(sensor::read)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("3 attempts")
                .hasMessageContaining("Connection timed out");
        assertThat(files.reads()).isEqualTo(3);
        assertThat(pauses).hasSize(2);
    }

    @Test
    void doesNotRetryAMissingDevice() {
        IioDht22 sensor = new IioDht22(root, "iio:device7", SysfsFiles.REAL, pauses::add);

        assertThatThrownBy(sensor::read).isInstanceOf(NoSuchFileException.class);
        assertThat(pauses).isEmpty();
    }

    @Test
    void refusesAValueThatIsNotANumber() throws Exception {
        Files.writeString(root.resolve("iio:device0").resolve("in_temp_input"), "\n");
        IioDht22 sensor = new IioDht22(root, "iio:device0", SysfsFiles.REAL, pauses::add);

        assertThatThrownBy(sensor::read).isInstanceOf(IOException.class).hasMessageContaining("in_temp_input");
        assertThat(pauses).isEmpty();
    }
}
