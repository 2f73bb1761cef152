package home.connected.piagent.sensor;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import java.io.IOException;

/**
 * A device on /dev/i2c-N through Pi4J's linuxfs provider. Config: the bus number and the 7-bit
 * address; every device shares one {@link #newContext()}.
 */
public final class Pi4jI2c implements I2cRegisters, AutoCloseable {

    private final Context context;
    private final I2C device;
    private final String name;

    private Pi4jI2c(Context context, I2C device, String name) {
        this.context = context;
        this.device = device;
        this.name = name;
    }

    /**
     * A Pi4J context with the linuxfs I2C provider alone: nothing is auto-detected, so no pigpio or
     * other native plugin loads. Shut it down when the agent stops.
     */
    public static Context newContext() {
        return Pi4J.newContextBuilder().add(LinuxFsI2CProvider.newInstance()).build();
    }

    public static Pi4jI2c open(Context context, int bus, int address) throws IOException {
        if (bus < 0 || address < 0x03 || address > 0x77) {
            throw new IllegalArgumentException(String.format("no I2C bus %d address 0x%02X", bus, address));
        }
        String name = String.format("i2c-%d-0x%02x", bus, address);
        try {
            I2C device = context.create(I2C.newConfigBuilder(context)
                    .id(name)
                    .bus(bus)
                    .device(address)
                    .provider(LinuxFsI2CProvider.class)
                    .build());
            return new Pi4jI2c(context, device, name);
        } catch (RuntimeException e) {
            throw new IOException("cannot open " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] read(int register, int length) throws IOException {
        byte[] buffer = new byte[length];
        int read;
        try {
            read = device.readRegister(register, buffer, 0, length);
        } catch (RuntimeException e) {
            throw new IOException(
                    String.format("%s: reading register 0x%02X failed: %s", name, register, e.getMessage()), e);
        }
        if (read != length) {
            throw new IOException(
                    String.format("%s: read %d of %d bytes from register 0x%02X", name, read, length, register));
        }
        return buffer;
    }

    @Override
    public void write(int register, int value) throws IOException {
        try {
            device.writeRegister(register, (byte) value);
        } catch (RuntimeException e) {
            throw new IOException(
                    String.format("%s: writing register 0x%02X failed: %s", name, register, e.getMessage()), e);
        }
    }

    /** Frees the device's id in the context too, so that it can be opened again. */
    @Override
    public void close() {
        device.close();
        if (context.registry().exists(name)) {
            context.registry().remove(name);
        }
    }
}
