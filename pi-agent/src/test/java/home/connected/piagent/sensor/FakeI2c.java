package home.connected.piagent.sensor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A BME280 or BMP280 as its registers look over I2C: 256 bytes, a read of N bytes from R returns
 * R..R+N-1, every write kept in order. A write of forced mode to ctrl_meas runs a conversion: the
 * status register says "measuring" for the next {@link #measuringFor} reads, and the data registers
 * then hold the loaded raw values, or the chip's skipped value for a quantity whose oversampling is
 * off (humidity's as ctrl_hum stood at that write).
 */
final class FakeI2c implements I2cRegisters {

    record Read(int register, int length) {}

    record Write(int register, int value) {}

    private final int[] registers = new int[256];
    private final List<Read> reads = new ArrayList<>();
    private final List<Write> writes = new ArrayList<>();
    private final boolean humidity;
    private int adcP;
    private int adcT;
    private int adcH;
    private int measuringReads;
    private int measuringLeft;

    private FakeI2c(int chipId) {
        humidity = chipId == 0x60;
        registers[0xD0] = chipId;
        putData(0x80000, 0x80000, 0x8000);
    }

    static FakeI2c bme280() {
        return new FakeI2c(0x60);
    }

    static FakeI2c bmp280() {
        return new FakeI2c(0x58);
    }

    static FakeI2c withChipId(int chipId) {
        return new FakeI2c(chipId);
    }

    FakeI2c set(int register, int... values) {
        for (int i = 0; i < values.length; i++) {
            registers[register + i] = values[i] & 0xFF;
        }
        return this;
    }

    FakeI2c setLittleEndian16(int register, int value) {
        return set(register, value, value >> 8);
    }

    /** What the next conversions measure. */
    FakeI2c loadRaw(int adcP, int adcT, int adcH) {
        this.adcP = adcP;
        this.adcT = adcT;
        this.adcH = adcH;
        return this;
    }

    FakeI2c measuringFor(int statusReads) {
        this.measuringReads = statusReads;
        return this;
    }

    List<Read> reads() {
        return List.copyOf(reads);
    }

    List<Write> writes() {
        return List.copyOf(writes);
    }

    @Override
    public byte[] read(int register, int length) throws IOException {
        if (register < 0 || length < 1 || register + length > registers.length) {
            throw new IOException("no registers 0x%02X..+%d".formatted(register, length));
        }
        reads.add(new Read(register, length));
        if (register == 0xF3 && measuringLeft > 0) {
            measuringLeft--;
            return new byte[] {(byte) (registers[0xF3] | 0b1000)};
        }
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) registers[register + i];
        }
        return bytes;
    }

    @Override
    public void write(int register, int value) {
        writes.add(new Write(register, value));
        registers[register] = value & 0xFF;
        if (register == 0xF4 && (value & 0b11) == 0b01) {
            convert(value);
        }
    }

    private void convert(int ctrlMeas) {
        boolean temperature = (ctrlMeas >> 5 & 0b111) != 0;
        boolean pressure = (ctrlMeas >> 2 & 0b111) != 0;
        boolean withHumidity = humidity && (registers[0xF2] & 0b111) != 0;
        putData(pressure ? adcP : 0x80000, temperature ? adcT : 0x80000, withHumidity ? adcH : 0x8000);
        registers[0xF4] &= ~0b11; // back to sleep mode, as the chip does after a forced conversion
        measuringLeft = measuringReads;
    }

    private void putData(int p, int t, int h) {
        set(0xF7, p >> 12, p >> 4, (p & 0xF) << 4);
        set(0xFA, t >> 12, t >> 4, (t & 0xF) << 4);
        if (humidity) {
            set(0xFD, h >> 8, h);
        }
    }
}
