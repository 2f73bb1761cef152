package home.connected.piagent.sensor;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One DS18B20 temperature probe on the kernel's 1-Wire bus (w1-gpio, w1_therm). Config: the probe id
 * ({@code 28-...}, see {@link #probes}), and the sysfs root if not {@link #DEFAULT_ROOT}.
 */
public final class Ds18b20 implements SensorDriver {

    public static final Path DEFAULT_ROOT = Path.of("/sys/bus/w1/devices");

    private static final Pattern PROBE_ID = Pattern.compile("28-[0-9a-fA-F]+");
    private static final Pattern ALL_ZERO_SCRATCHPAD = Pattern.compile("(00 ){9}:.*");
    private static final int POWER_ON_RESET = 85_000;
    private static final int DISCONNECTED = -127_000;

    private final Path probe;
    private final String probeId;
    private final SysfsFiles files;

    public Ds18b20(String probeId) {
        this(DEFAULT_ROOT, probeId);
    }

    public Ds18b20(Path root, String probeId) {
        this(root, probeId, SysfsFiles.REAL);
    }

    Ds18b20(Path root, String probeId, SysfsFiles files) {
        if (!PROBE_ID.matcher(probeId).matches()) {
            throw new IllegalArgumentException("not a DS18B20 probe id (28-...): " + probeId);
        }
        this.probe = root.resolve(probeId);
        this.probeId = probeId;
        this.files = files;
    }

    /** The ids of the DS18B20 probes on the bus, sorted. */
    public static List<String> probes(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("no 1-Wire bus at " + root + " (is the w1-gpio overlay enabled?)");
        }
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, "28-*")) {
            for (Path entry : entries) {
                ids.add(entry.getFileName().toString());
            }
        }
        ids.sort(null);
        return ids;
    }

    @Override
    public List<Measurement> read() throws IOException {
        int millidegrees;
        try {
            millidegrees = fromW1Slave(files.read(probe.resolve("w1_slave")));
        } catch (NoSuchFileException noW1Slave) {
            millidegrees = fromTemperature();
        }
        if (millidegrees == POWER_ON_RESET) {
            throw new IOException("DS18B20 " + probeId + " reads 85 °C, its power-on value: it made no conversion"
                    + " (power or wiring?)");
        }
        if (millidegrees == DISCONNECTED) {
            throw new IOException("DS18B20 " + probeId + " reads -127 °C: the probe is disconnected");
        }
        return List.of(Measurement.temperature(millidegrees / 1000.0));
    }

    private int fromTemperature() throws IOException {
        try {
            return parse(files.read(probe.resolve("temperature")).trim());
        } catch (NoSuchFileException noTemperature) {
            if (!Files.isDirectory(probe)) {
                throw new IOException("DS18B20 " + probeId + " is not on the bus (no " + probe + "): unplugged?");
            }
            throw new IOException("DS18B20 " + probeId + " has neither w1_slave nor temperature in " + probe);
        }
    }

    /** {@code 72 01 4b 46 7f ff 0e 10 57 : crc=57 YES} then {@code 72 01 4b 46 7f ff 0e 10 57 t=23125}. */
    private int fromW1Slave(String content) throws IOException {
        String[] lines = content.strip().split("\n");
        int at = lines.length == 2 ? lines[1].lastIndexOf("t=") : -1;
        if (at < 0) {
            throw new IOException("DS18B20 " + probeId + ": unexpected w1_slave content: " + content.strip());
        }
        String crcLine = lines[0].strip();
        if (!crcLine.endsWith("YES")) {
            throw new IOException("DS18B20 " + probeId + ": CRC check failed (" + crcLine + "): noise or a loose wire");
        }
        // A probe that stopped answering reads as nine zero bytes, whose CRC is zero too.
        if (ALL_ZERO_SCRATCHPAD.matcher(crcLine).matches()) {
            throw new IOException("DS18B20 " + probeId + " answered with all zeros: the probe is disconnected");
        }
        return parse(lines[1].substring(at + 2).strip());
    }

    private int parse(String millidegrees) throws IOException {
        try {
            return Integer.parseInt(millidegrees);
        } catch (NumberFormatException e) {
            throw new IOException("DS18B20 " + probeId + ": not a temperature: '" + millidegrees + "'");
        }
    }
}
