package home.connected.piagent.sensor;

/**
 * The humidity trimming values of a BME280 (register 0xA1 and 0xE1..0xE7) and the datasheet's
 * double-precision humidity compensation with them.
 */
record Bme280HumidityCalibration(int digH1, int digH2, int digH3, int digH4, int digH5, int digH6) {

    static final int H1_REGISTER = 0xA1;
    static final int FIRST_REGISTER = 0xE1;
    static final int LENGTH = 7;

    /**
     * From dig_H1 (0xA1) and the {@value #LENGTH} bytes read from 0xE1. H4 and H5 are 12-bit values
     * sharing 0xE5, each sign-extended from its own whole (signed) byte 0xE4 or 0xE6.
     */
    static Bme280HumidityCalibration parse(int h1, byte[] bytes) {
        if (bytes.length < LENGTH) {
            throw new IllegalArgumentException("humidity calibration needs " + LENGTH + " bytes, got " + bytes.length);
        }
        int e4 = bytes[3];
        int e5 = bytes[4] & 0xFF;
        int e6 = bytes[5];
        return new Bme280HumidityCalibration(
                h1 & 0xFF,
                Bme280Calibration.signed16(bytes, 0),
                bytes[2] & 0xFF,
                e4 << 4 | (e5 & 0x0F),
                e6 << 4 | e5 >> 4,
                bytes[6]);
    }

    /** Relative humidity in %, clamped to 0..100 as the datasheet does. */
    double humidityPercent(int adcH, int tFine) {
        double varH = tFine - 76800.0;
        varH = (adcH - (digH4 * 64.0 + digH5 / 16384.0 * varH))
                * (digH2 / 65536.0 * (1.0 + digH6 / 67108864.0 * varH * (1.0 + digH3 / 67108864.0 * varH)));
        varH = varH * (1.0 - digH1 * varH / 524288.0);
        return Math.max(0.0, Math.min(100.0, varH));
    }
}
