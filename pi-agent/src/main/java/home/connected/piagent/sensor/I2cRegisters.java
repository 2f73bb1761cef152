package home.connected.piagent.sensor;

import java.io.IOException;

/** A device on an I2C bus, addressed by register: what the drivers need of Pi4J, and what tests fake. */
public interface I2cRegisters {

    /** Reads {@code length} bytes starting at register {@code register} (auto-increment). */
    byte[] read(int register, int length) throws IOException;

    void write(int register, int value) throws IOException;
}
