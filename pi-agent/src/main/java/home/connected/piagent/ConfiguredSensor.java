package home.connected.piagent;

import home.connected.piagent.config.AgentConfig.SensorConfig;
import home.connected.piagent.sensor.Measurement;
import home.connected.piagent.sensor.SensorDriver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A driver with its configuration: reads, with the calibration offsets applied, and counts failures in a row. */
final class ConfiguredSensor {

    private final SensorConfig config;
    private final SensorDriver driver;
    private long failuresInARow;

    ConfiguredSensor(SensorConfig config, SensorDriver driver) {
        this.config = config;
        this.driver = driver;
    }

    SensorConfig config() {
        return config;
    }

    List<Measurement> read() throws IOException {
        List<Measurement> raw;
        try {
            raw = driver.read();
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                failuresInARow++;
            }
            throw e;
        }
        List<Measurement> calibrated = new ArrayList<>(raw.size());
        for (Measurement measurement : raw) {
            double offset = config.offsetFor(measurement.quantity());
            calibrated.add(
                    offset == 0
                            ? measurement
                            : new Measurement(
                                    measurement.quantity(), measurement.value() + offset, measurement.unit()));
        }
        return calibrated;
    }

    /** Failures in a row, the one just counted included. */
    synchronized long failed() {
        return failuresInARow;
    }

    /** After a good read: how many failures it ended (and resets the count). */
    synchronized long succeeded() {
        long ended = failuresInARow;
        failuresInARow = 0;
        return ended;
    }
}
