package home.connected.piagent;

import com.pi4j.context.Context;
import home.connected.piagent.config.AgentConfig;
import home.connected.piagent.config.AgentConfig.SensorConfig;
import home.connected.piagent.config.AgentConfig.SysfsRoots;
import home.connected.piagent.sensor.Bme280;
import home.connected.piagent.sensor.Ds18b20;
import home.connected.piagent.sensor.IioDht22;
import home.connected.piagent.sensor.Pi4jI2c;
import home.connected.piagent.sensor.SensorDriver;
import home.connected.piagent.sensor.SysfsValue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The configured sensors with their drivers. Pi4J is started only when an I2C sensor is configured
 * (it costs memory), and only with its linuxfs I2C provider.
 */
final class Sensors implements AutoCloseable {

    private final List<ConfiguredSensor> all;
    private final List<AutoCloseable> resources;

    private Sensors(List<ConfiguredSensor> all, List<AutoCloseable> resources) {
        this.all = all;
        this.resources = resources;
    }

    static Sensors open(AgentConfig config) throws IOException {
        List<ConfiguredSensor> sensors = new ArrayList<>();
        List<AutoCloseable> resources = new ArrayList<>();
        Context pi4j = null;
        try {
            for (SensorConfig sensor : config.sensors()) {
                SensorDriver driver;
                switch (sensor.type()) {
                    case BME280 -> {
                        if (pi4j == null) {
                            pi4j = Pi4jI2c.newContext();
                            Context started = pi4j;
                            resources.add(started::shutdown);
                        }
                        Context context = pi4j;
                        OpenedOnRead bme280 = new OpenedOnRead(() -> {
                            Pi4jI2c device = Pi4jI2c.open(context, sensor.bus(), sensor.i2cAddress());
                            return new OpenedOnRead.Device(new Bme280(device), device);
                        });
                        resources.add(0, bme280);
                        driver = bme280;
                    }
                    case DS18B20 -> driver = ds18b20(sensor, config.sysfs());
                    case DHT22 -> driver = new IioDht22(config.sysfs().iio(), sensor.path());
                    case SYSFS -> {
                        String file = relative(sensor.path());
                        Optional<String> scaleFile = Optional.ofNullable(sensor.scaleFile())
                                .map(scale -> scale.startsWith("/")
                                        ? relative(scale)
                                        : Path.of(file).resolveSibling(scale).toString());
                        driver = new SysfsValue(
                                config.sysfs().root(),
                                file,
                                sensor.quantity(),
                                sensor.unit(),
                                sensor.scale(),
                                scaleFile);
                    }
                    default -> throw new IllegalStateException("no driver for " + sensor.type());
                }
                sensors.add(new ConfiguredSensor(sensor, driver));
            }
        } catch (IOException | RuntimeException e) {
            new Sensors(sensors, resources).close();
            throw e;
        }
        return new Sensors(List.copyOf(sensors), resources);
    }

    List<ConfiguredSensor> all() {
        return all;
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // closing at the end of a run; nothing left to do
            }
        }
    }

    /** The configured probe, or the only one on the bus. */
    private static SensorDriver ds18b20(SensorConfig sensor, SysfsRoots sysfs) throws IOException {
        String id = sensor.address();
        if (id == null) {
            List<String> probes = Ds18b20.probes(sysfs.w1());
            if (probes.size() != 1) {
                throw new IOException("sensor " + sensor.name() + " (line " + sensor.line() + "): "
                        + (probes.isEmpty() ? "no DS18B20 under " + sysfs.w1() : "several DS18B20 probes " + probes)
                        + "; give its address");
            }
            id = probes.get(0);
        }
        return new Ds18b20(sysfs.w1(), id);
    }

    /**
     * A path under the sysfs root: an absolute {@code /sys/...} path is taken relative to it too, so
     * pointing the root at a copy of the tree (tests, odd kernels) moves every path.
     */
    private static String relative(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
