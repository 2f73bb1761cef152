package home.connected.piagent.sensor;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * A Bosch BME280 (temperature, humidity, pressure) or BMP280 (temperature, pressure) on I2C, one
 * forced-mode measurement per read with oversampling x1. Config: the I2C bus and address (0x76 or
 * 0x77), opened as a {@link Pi4jI2c}.
 *
 * <p>The chip is identified and its calibration read on the first read that reaches it, so a sensor
 * missing when the agent starts is picked up once it answers.
 */
public final class Bme280 implements SensorDriver {

    static final int CHIP_ID = 0xD0;
    static final int CTRL_HUM = 0xF2;
    static final int STATUS = 0xF3;
    static final int CTRL_MEAS = 0xF4;
    static final int DATA = 0xF7;

    static final int BME280_ID = 0x60;
    static final int BMP280_ID = 0x58;

    /** osrs_h = x1. */
    static final int HUMIDITY_OVERSAMPLING_X1 = 0b001;
    /** osrs_t = x1, osrs_p = x1, mode = forced (01). */
    static final int FORCED_MEASUREMENT_X1 = 0b001_001_01;

    static final int STATUS_MEASURING = 0b1000;
    /** What a data register holds for a quantity the chip skipped. */
    static final int SKIPPED_20_BIT = 0x80000;

    static final int SKIPPED_16_BIT = 0x8000;

    /** Datasheet 9.1: at most 9.3 ms for temperature, pressure and humidity at x1. */
    static final Duration MEASUREMENT_TIME = Duration.ofMillis(10);

    static final Duration POLL_INTERVAL = Duration.ofMillis(2);
    static final int MAX_POLLS = 20;

    private final I2cRegisters registers;
    private final Pause pause;
    private Chip chip;

    public Bme280(I2cRegisters registers) {
        this(registers, Pause.REAL);
    }

    Bme280(I2cRegisters registers, Pause pause) {
        this.registers = registers;
        this.pause = pause;
    }

    @Override
    public synchronized List<Measurement> read() throws IOException {
        if (chip == null) {
            chip = identify();
        }
        return chip.measure();
    }

    private Chip identify() throws IOException {
        int id = registers.read(CHIP_ID, 1)[0] & 0xFF;
        if (id != BME280_ID && id != BMP280_ID) {
            throw new IOException(String.format(
                    "chip id 0x%02X at register 0xD0 is neither a BME280 (0x60) nor a BMP280 (0x58)", id));
        }
        Bme280Calibration calibration =
                Bme280Calibration.parse(registers.read(Bme280Calibration.FIRST_REGISTER, Bme280Calibration.LENGTH));
        if (id == BMP280_ID) {
            return new Chip(calibration, null);
        }
        int h1 = registers.read(Bme280HumidityCalibration.H1_REGISTER, 1)[0];
        byte[] humidity = registers.read(Bme280HumidityCalibration.FIRST_REGISTER, Bme280HumidityCalibration.LENGTH);
        return new Chip(calibration, Bme280HumidityCalibration.parse(h1, humidity));
    }

    /** A chip identified and calibrated; without humidity calibration, a BMP280. */
    private final class Chip {

        private final Bme280Calibration calibration;
        private final Bme280HumidityCalibration humidity;

        Chip(Bme280Calibration calibration, Bme280HumidityCalibration humidity) {
            this.calibration = calibration;
            this.humidity = humidity;
        }

        List<Measurement> measure() throws IOException {
            if (humidity != null) {
                // ctrl_hum only takes effect with the ctrl_meas write that follows it
                registers.write(CTRL_HUM, HUMIDITY_OVERSAMPLING_X1);
            }
            registers.write(CTRL_MEAS, FORCED_MEASUREMENT_X1);
            awaitMeasurement();
            byte[] data = registers.read(DATA, humidity != null ? 8 : 6);

            int adcP = raw20(data, 0);
            int adcT = raw20(data, 3);
            if (adcT == SKIPPED_20_BIT || adcP == SKIPPED_20_BIT) {
                throw new IOException("the chip made no temperature or pressure measurement (data registers hold"
                        + " the skipped value 0x80000)");
            }
            Bme280Calibration.Temperature temperature = calibration.temperature(adcT);
            Measurement pressure = Measurement.pressure(calibration.pressurePascal(adcP, temperature.tFine()) / 100.0);
            if (humidity == null) {
                return List.of(Measurement.temperature(temperature.celsius()), pressure);
            }
            int adcH = (data[6] & 0xFF) << 8 | (data[7] & 0xFF);
            if (adcH == SKIPPED_16_BIT) {
                throw new IOException(
                        "the chip made no humidity measurement (data registers hold the skipped value" + " 0x8000)");
            }
            return List.of(
                    Measurement.temperature(temperature.celsius()),
                    Measurement.humidity(humidity.humidityPercent(adcH, temperature.tFine())),
                    pressure);
        }

        private void awaitMeasurement() throws IOException {
            pause.pause(MEASUREMENT_TIME);
            for (int poll = 0; poll < MAX_POLLS; poll++) {
                if ((registers.read(STATUS, 1)[0] & STATUS_MEASURING) == 0) {
                    return;
                }
                pause.pause(POLL_INTERVAL);
            }
            throw new IOException(
                    "the measurement did not finish: status still says measuring after " + MAX_POLLS + " polls");
        }

        private static int raw20(byte[] data, int offset) {
            return (data[offset] & 0xFF) << 12 | (data[offset + 1] & 0xFF) << 4 | (data[offset + 2] & 0xFF) >> 4;
        }
    }
}
