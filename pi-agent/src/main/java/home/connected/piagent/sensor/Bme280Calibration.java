package home.connected.piagent.sensor;

import java.io.IOException;

/**
 * The temperature and pressure trimming values of a BME280 or BMP280 (registers 0x88..0x9F) and
 * the datasheet's double-precision compensation of raw readings with them.
 */
record Bme280Calibration(
        int digT1,
        int digT2,
        int digT3,
        int digP1,
        int digP2,
        int digP3,
        int digP4,
        int digP5,
        int digP6,
        int digP7,
        int digP8,
        int digP9) {

    static final int FIRST_REGISTER = 0x88;
    static final int LENGTH = 24;

    /** A compensated temperature and the fine temperature pressure and humidity compensation use. */
    record Temperature(double celsius, int tFine) {}

    /** From the {@value #LENGTH} bytes read from 0x88: little-endian, T1 and P1 unsigned. */
    static Bme280Calibration parse(byte[] bytes) {
        if (bytes.length < LENGTH) {
            throw new IllegalArgumentException("calibration needs " + LENGTH + " bytes, got " + bytes.length);
        }
        return new Bme280Calibration(
                unsigned16(bytes, 0),
                signed16(bytes, 2),
                signed16(bytes, 4),
                unsigned16(bytes, 6),
                signed16(bytes, 8),
                signed16(bytes, 10),
                signed16(bytes, 12),
                signed16(bytes, 14),
                signed16(bytes, 16),
                signed16(bytes, 18),
                signed16(bytes, 20),
                signed16(bytes, 22));
    }

    Temperature temperature(int adcT) {
        double var1 = (adcT / 16384.0 - digT1 / 1024.0) * digT2;
        double offset = adcT / 131072.0 - digT1 / 8192.0;
        double var2 = offset * offset * digT3;
        return new Temperature((var1 + var2) / 5120.0, (int) (var1 + var2));
    }

    double pressurePascal(int adcP, int tFine) throws IOException {
        double var1 = tFine / 2.0 - 64000.0;
        double var2 = var1 * var1 * digP6 / 32768.0;
        var2 = var2 + var1 * digP5 * 2.0;
        var2 = var2 / 4.0 + digP4 * 65536.0;
        var1 = (digP3 * var1 * var1 / 524288.0 + digP2 * var1) / 524288.0;
        var1 = (1.0 + var1 / 32768.0) * digP1;
        if (var1 == 0.0) {
            throw new IOException("pressure calibration divides by zero (dig_P1 = " + digP1 + ")");
        }
        double p = 1048576.0 - adcP;
        p = (p - var2 / 4096.0) * 6250.0 / var1;
        var1 = digP9 * p * p / 2147483648.0;
        var2 = p * digP8 / 32768.0;
        return p + (var1 + var2 + digP7) / 16.0;
    }

    static int unsigned16(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8;
    }

    static int signed16(byte[] bytes, int offset) {
        return (short) unsigned16(bytes, offset);
    }
}
