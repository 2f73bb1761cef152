package home.connected.piagent.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsValueTest {

    private static final String HWMON_TEMPERATURE = "sys/class/hwmon/hwmon0/temp1_input";
    private static final String IIO = "sys/bus/iio/devices/iio:device0/";

    @TempDir
    Path root;

    @Test
    void scalesAHwmonTemperatureFromMillidegrees() throws Exception {
        write(HWMON_TEMPERATURE, "48312\n");
        SysfsValue value = new SysfsValue(root, HWMON_TEMPERATURE, "temperature", "°C", 0.001, Optional.empty());

        assertThat(value.read()).singleElement().satisfies(measurement -> {
            assertThat(measurement.quantity()).isEqualTo("temperature");
            assertThat(measurement.unit()).isEqualTo("°C");
            assertThat(measurement.value()).isCloseTo(48.312, within(1e-9));
        });
    }

    @Test
    void multipliesByTheScaleFileReadOnce() throws Exception {
        write(IIO + "in_illuminance_raw", "250\n");
        write(IIO + "in_illuminance_scale", "0.500000\n");
        SysfsValue value = new SysfsValue(
                root, IIO + "in_illuminance_raw", "illuminance", "lx", 1, Optional.of(IIO + "in_illuminance_scale"));

        assertThat(value.read()).containsExactly(new Measurement("illuminance", 125.0, "lx"));

        write(IIO + "in_illuminance_raw", "300\n");
        write(IIO + "in_illuminance_scale", "2\n");
        assertThat(value.read()).containsExactly(new Measurement("illuminance", 150.0, "lx"));
    }

    @Test
    void readsAnAbsolutePathAsItIs() throws Exception {
        Path file = write(HWMON_TEMPERATURE, "51000\n");
        SysfsValue value = new SysfsValue(
                root.resolve("elsewhere"), file.toString(), "temperature", "°C", 0.001, Optional.empty());

        assertThat(value.read()).containsExactly(Measurement.temperature(51.0));
    }

    @Test
    void refusesAFileThatHoldsNoNumber() throws Exception {
        write(HWMON_TEMPERATURE, "N/A\n");
        SysfsValue value = new SysfsValue(root, HWMON_TEMPERATURE, "temperature", "°C", 0.001, Optional.empty());

        assertThatThrownBy(value::read).isInstanceOf(IOException.class).hasMessageContaining("not a number");
    }

    @Test
    void passesOnWhatTheKernelSaidOfAFailedRead() throws Exception {
        write(HWMON_TEMPERATURE, "48312\n");
        SysfsValue value = new SysfsValue(
                root,
                HWMON_TEMPERATURE,
                "temperature",
                "°C",
                0.001,
                Optional.empty(),
                new FailingSysfsFiles(FailingSysfsFiles.EIO, 1));

        assertThatThrownBy(value::read).isInstanceOf(IOException.class).hasMessage("Input/output error");
        assertThat(value.read()).containsExactly(Measurement.temperature(48.312));
    }

    @Test
    void saysWhenTheFileIsMissing() {
        SysfsValue value = new SysfsValue(root, HWMON_TEMPERATURE, "temperature", "°C", 0.001, Optional.empty());

        assertThatThrownBy(value::read).isInstanceOf(NoSuchFileException.class);
    }

    private Path write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
