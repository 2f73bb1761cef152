package home.connected.piagent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The agent's whole configuration, read from one YAML file by {@link ConfigReader}; docs/agent.md
 * describes every key.
 */
public record AgentConfig(
        Path file,
        String deviceId,
        Broker broker,
        Buffer buffer,
        boolean requireClockSync,
        SysfsRoots sysfs,
        List<SensorConfig> sensors) {

    /**
     * @param url {@code tcp://host:port} or {@code ssl://host:port}
     * @param caFile a CA certificate (PEM) to trust for {@code ssl://}, else the JVM's trust store
     */
    public record Broker(String url, String username, String password, Path caFile) {

        public boolean tls() {
            return url.startsWith("ssl://");
        }

        @Override
        public String toString() {
            return "Broker[url=" + url + ", username=" + username + ", caFile=" + caFile + "]";
        }
    }

    /** @param replayRate messages per second while a backlog is sent after an outage */
    public record Buffer(Path directory, long maxBytes, Duration maxAge, Duration syncInterval, double replayRate) {}

    /** Where the kernel's sensor files are: {@code root} resolves relative {@code path}s. */
    public record SysfsRoots(Path w1, Path iio, Path root) {}

    /**
     * One sensor entry. {@code offsets} maps a quantity to its calibration offset; the key
     * {@link #ANY_QUANTITY} is the offset of a single-quantity sensor.
     */
    public record SensorConfig(
            int line,
            SensorType type,
            String name,
            String location,
            Duration interval,
            Map<String, Double> offsets,
            Integer bus,
            Integer i2cAddress,
            String address,
            String path,
            String quantity,
            String unit,
            double scale,
            String scaleFile) {

        public static final String ANY_QUANTITY = "*";

        public double offsetFor(String quantity) {
            return offsets.getOrDefault(quantity, offsets.getOrDefault(ANY_QUANTITY, 0.0));
        }
    }

    public enum SensorType {
        BME280,
        DS18B20,
        DHT22,
        SYSFS;

        String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
