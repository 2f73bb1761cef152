package home.connected.piagent.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class Bme280Test {

    private static final int ADC_H = 30000;

    @Test
    void readsTemperatureHumidityAndPressureFromABme280() throws Exception {
        Bme280 sensor = new Bme280(calibrated(FakeI2c.bme280()), noWait());

        List<Measurement> measurements = sensor.read();

        assertThat(measurements)
                .extracting(Measurement::quantity, Measurement::unit)
                .containsExactly(tuple("temperature", "°C"), tuple("humidity", "%"), tuple("pressure", "hPa"));
        assertThat(measurements.get(0).value()).isCloseTo(25.08247793081682, within(1e-12));
        assertThat(measurements.get(1).value()).isCloseTo(55.00544622555304, within(1e-9));
        assertThat(measurements.get(2).value()).isCloseTo(1006.5325814481472, within(1e-10));
    }

    @Test
    void writesCtrlHumBeforeCtrlMeasForAForcedMeasurementAtX1() throws Exception {
        FakeI2c chip = calibrated(FakeI2c.bme280());
        Bme280 sensor = new Bme280(chip, noWait());

        sensor.read();
        sensor.read();

        FakeI2c.Write ctrlHum = new FakeI2c.Write(0xF2, 0b001);
        FakeI2c.Write ctrlMeas = new FakeI2c.Write(0xF4, 0b001_001_01);
        assertThat(chip.writes()).containsExactly(ctrlHum, ctrlMeas, ctrlHum, ctrlMeas);
        assertThat(ctrlMeas.value() & 0b11).as("mode bits: forced").isEqualTo(0b01);
    }

    @Test
    void readsTheCalibrationOnce() throws Exception {
        FakeI2c chip = calibrated(FakeI2c.bme280());
        Bme280 sensor = new Bme280(chip, noWait());

        sensor.read();
        sensor.read();

        assertThat(chip.reads())
                .filteredOn(read -> read.register() == 0x88 || read.register() == 0xE1 || read.register() == 0xD0)
                .containsExactly(new FakeI2c.Read(0xD0, 1), new FakeI2c.Read(0x88, 24), new FakeI2c.Read(0xE1, 7));
    }

    @Test
    void waitsWhileTheChipSaysMeasuring() throws Exception {
        FakeI2c chip = calibrated(FakeI2c.bme280()).measuringFor(3);
        Bme280 sensor = new Bme280(chip, noWait());

        assertThat(sensor.read()).hasSize(3);
        assertThat(chip.reads()).filteredOn(read -> read.register() == 0xF3).hasSize(4);
    }

    @Test
    void givesUpOnAMeasurementThatNeverFinishes() {
        FakeI2c chip = calibrated(FakeI2c.bme280()).measuringFor(1_000);
        Bme280 sensor = new Bme280(chip, noWait());

        assertThatThrownBy(sensor::read).isInstanceOf(IOException.class).hasMessageContaining("did not finish");
        assertThat(chip.reads()).filteredOn(read -> read.register() == 0xF3).hasSize(Bme280.MAX_POLLS);
    }

    @Test
    void refusesAChipThatIsNeitherABme280NorABmp280() {
        FakeI2c chip = calibrated(FakeI2c.withChipId(0x61));
        Bme280 sensor = new Bme280(chip, noWait());

        assertThatThrownBy(sensor::read).isInstanceOf(IOException.class).hasMessageContaining("0x61");
        assertThat(chip.writes()).isEmpty();
    }

    @Test
    void readsOnlyTemperatureAndPressureFromABmp280() throws Exception {
        FakeI2c chip = calibrated(FakeI2c.bmp280());
        Bme280 sensor = new Bme280(chip, noWait());

        List<Measurement> measurements = sensor.read();

        assertThat(measurements).extracting(Measurement::quantity).containsExactly("temperature", "pressure");
        assertThat(measurements.get(0).value()).isCloseTo(25.08247793081682, within(1e-12));
        assertThat(measurements.get(1).value()).isCloseTo(1006.5325814481472, within(1e-10));
        assertThat(chip.writes()).containsExactly(new FakeI2c.Write(0xF4, 0b001_001_01));
        assertThat(chip.reads())
                .allSatisfy(read -> assertThat(touchesHumidityRegisters(read.register(), read.length()))
                        .as("read of %d bytes at 0x%02X", read.length(), read.register())
                        .isFalse());
    }

    @Test
    void identifiesTheChipOnceItAnswers() throws Exception {
        FakeI2c chip = calibrated(FakeI2c.bme280());
        boolean[] answered = {false};
        I2cRegisters absentAtFirst = new I2cRegisters() {
            @Override
            public byte[] read(int register, int length) throws IOException {
                if (!answered[0]) {
                    answered[0] = true;
                    throw new IOException("Remote I/O error");
                }
                return chip.read(register, length);
            }

            @Override
            public void write(int register, int value) {
                chip.write(register, value);
            }
        };
        Bme280 sensor = new Bme280(absentAtFirst, noWait());

        assertThatThrownBy(sensor::read).isInstanceOf(IOException.class);
        assertThat(sensor.read()).hasSize(3);
    }

    private static boolean touchesHumidityRegisters(int register, int length) {
        int last = register + length - 1;
        return overlaps(register, last, 0xA1, 0xA1)
                || overlaps(register, last, 0xE1, 0xE7)
                || overlaps(register, last, 0xF2, 0xF2)
                || overlaps(register, last, 0xFD, 0xFE);
    }

    private static boolean overlaps(int first, int last, int from, int to) {
        return first <= to && last >= from;
    }

    /** The datasheet's example in the registers, with {@link Bme280HumidityCalibrationTest#TYPICAL}. */
    private static FakeI2c calibrated(FakeI2c chip) {
        Bme280Calibration c = Bme280CalibrationTest.BOSCH_EXAMPLE;
        int[] values = {
            c.digT1(), c.digT2(), c.digT3(), c.digP1(), c.digP2(), c.digP3(),
            c.digP4(), c.digP5(), c.digP6(), c.digP7(), c.digP8(), c.digP9()
        };
        for (int i = 0; i < values.length; i++) {
            chip.setLittleEndian16(0x88 + 2 * i, values[i]);
        }
        chip.set(0xA1, 75).setLittleEndian16(0xE1, 362).set(0xE3, 5, 0x13, 0x29, 0x03, 30);
        return chip.loadRaw(Bme280CalibrationTest.BOSCH_ADC_P, Bme280CalibrationTest.BOSCH_ADC_T, ADC_H);
    }

    private static Pause noWait() {
        return duration -> {};
    }
}
