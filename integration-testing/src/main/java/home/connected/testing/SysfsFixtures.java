package home.connected.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sensor files as the Linux kernel presents them, in a directory of the test's: the Pi agent reads
 * them exactly as it reads /sys on a Pi (its sysfs roots point here).
 */
public final class SysfsFixtures {

    private SysfsFixtures() {}

    /** {@code w1Root/28-…/w1_slave} of a DS18B20 whose CRC check passed, reading {@code milliCelsius}. */
    public static void ds18b20(Path w1Root, String probeId, int milliCelsius) throws IOException {
        Path probe = Files.createDirectories(w1Root.resolve(probeId));
        Files.writeString(
                probe.resolve("w1_slave"),
                "72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n72 01 4b 46 7f ff 0e 10 57 t=" + milliCelsius + "\n");
    }

    /** {@code iioRoot/iio:deviceN/} of the kernel's dht11 driver (a DHT22 on it). */
    public static void dht22(Path iioRoot, String device, int milliCelsius, int milliPercent) throws IOException {
        Path dht = Files.createDirectories(iioRoot.resolve(device));
        Files.writeString(dht.resolve("in_temp_input"), milliCelsius + "\n");
        Files.writeString(dht.resolve("in_humidityrelative_input"), milliPercent + "\n");
    }

    /** One value file, e.g. {@code class/hwmon/hwmon0/temp1_input} under {@code root}. */
    public static void value(Path root, String file, long value) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, value + "\n");
    }
}
