package home.connected.piagent;

import home.connected.piagent.sensor.Measurement;
import home.connected.piagent.sensor.SensorDriver;
import java.io.IOException;
import java.util.List;

/**
 * A driver whose device is opened at its first read, and again at the next read after opening
 * failed: a sensor unplugged at start (or an I2C bus not enabled yet) fails its own reads, not the
 * agent's start, and is picked up once it is there.
 */
final class OpenedOnRead implements SensorDriver, AutoCloseable {

    interface Opener {
        Device open() throws IOException;
    }

    /** An opened driver and what to close with it. */
    record Device(SensorDriver driver, AutoCloseable resource) {}

    private final Opener opener;
    private Device device;

    OpenedOnRead(Opener opener) {
        this.opener = opener;
    }

    @Override
    public synchronized List<Measurement> read() throws IOException {
        if (device == null) {
            device = opener.open();
        }
        return device.driver().read();
    }

    @Override
    public synchronized void close() throws Exception {
        if (device != null) {
            device.resource().close();
            device = null;
        }
    }
}
