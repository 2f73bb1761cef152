package home.connected.piagent.sensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One number from a sysfs file (hwmon, IIO) times a scale, as one quantity. Config: the file, the
 * quantity and unit, a scale (default 1; hwmon temperatures, in m°C: 0.001), optionally a scale file
 * (IIO {@code in_*_scale}, read once); relative paths resolve against a root ({@link #DEFAULT_ROOT}).
 */
public final class SysfsValue implements SensorDriver {

    public static final Path DEFAULT_ROOT = Path.of("/");

    private final Path file;
    private final String quantity;
    private final String unit;
    private final double scale;
    private final Optional<Path> scaleFile;
    private final SysfsFiles files;
    private Double fileScale;

    /**
     * @param scaleFile read once, its number multiplies the value as {@code scale} does
     */
    public SysfsValue(Path root, String file, String quantity, String unit, double scale, Optional<String> scaleFile) {
        this(root, file, quantity, unit, scale, scaleFile, SysfsFiles.REAL);
    }

    SysfsValue(
            Path root,
            String file,
            String quantity,
            String unit,
            double scale,
            Optional<String> scaleFile,
            SysfsFiles files) {
        if (quantity.isBlank() || unit.isBlank()) {
            throw new IllegalArgumentException("a value from " + file + " needs a quantity and a unit");
        }
        if (!Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale for " + file + " is not a number: " + scale);
        }
        this.file = root.resolve(file);
        this.quantity = quantity;
        this.unit = unit;
        this.scale = scale;
        this.scaleFile = scaleFile.map(root::resolve);
        this.files = Objects.requireNonNull(files);
    }

    @Override
    public synchronized List<Measurement> read() throws IOException {
        if (fileScale == null) {
            fileScale = scaleFile.isPresent() ? number(scaleFile.get()) : 1.0;
        }
        return List.of(new Measurement(quantity, number(file) * scale * fileScale, unit));
    }

    private double number(Path path) throws IOException {
        String content = files.read(path).trim();
        try {
            double value = Double.parseDouble(content);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException("not a number in " + path + ": '" + content + "'");
    }
}
