package home.connected.piagent.sensor;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DHT22 (AM2302) read through the kernel's IIO dht11 driver ({@code dtoverlay=dht11}). Config:
 * the IIO device name (e.g. {@code iio:device0}), and the sysfs root if not {@link #DEFAULT_ROOT}.
 *
 * <p>The sensor's one-wire protocol is timing-critical and the driver often fails a read with EIO or
 * ETIMEDOUT; such a read is tried again, the DHT22 needing 2 s between measurements.
 */
public final class IioDht22 implements SensorDriver {

    public static final Path DEFAULT_ROOT = Path.of("/sys/bus/iio/devices");

    static final int ATTEMPTS = 3;
    static final Duration BETWEEN_ATTEMPTS = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(IioDht22.class);
    private static final List<String> TRANSIENT_ERRORS = List.of("Input/output error", "Connection timed out");

    private final Path device;
    private final SysfsFiles files;
    private final Pause pause;

    public IioDht22(String device) {
        this(DEFAULT_ROOT, device);
    }

    public IioDht22(Path root, String device) {
        this(root, device, SysfsFiles.REAL, Pause.REAL);
    }

    IioDht22(Path root, String device, SysfsFiles files, Pause pause) {
        this.device = root.resolve(device);
        this.files = files;
        this.pause = pause;
    }

    @Override
    public List<Measurement> read() throws IOException {
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (attempt > 1) {
                pause.pause(BETWEEN_ATTEMPTS);
            }
            try {
                // one measurement serves both: the driver keeps it for 2 s
                double celsius = milli("in_temp_input");
                double percent = milli("in_humidityrelative_input");
                return List.of(Measurement.temperature(celsius), Measurement.humidity(percent));
            } catch (IOException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                log.debug("DHT22 at {}: attempt {} of {} failed: {}", device, attempt, ATTEMPTS, e.getMessage());
                last = e;
            }
        }
        throw new IOException(
                "DHT22 at " + device + " gave no reading in " + ATTEMPTS + " attempts: " + last.getMessage(), last);
    }

    private double milli(String attribute) throws IOException {
        String content = files.read(device.resolve(attribute)).trim();
        try {
            return Long.parseLong(content) / 1000.0;
        } catch (NumberFormatException e) {
            throw new IOException("DHT22 at " + device + ": not a number in " + attribute + ": '" + content + "'");
        }
    }

    private static boolean isTransient(IOException e) {
        return e.getMessage() != null && TRANSIENT_ERRORS.stream().anyMatch(e.getMessage()::contains);
    }
}
