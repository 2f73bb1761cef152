package home.connected.piagent.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class Bme280CalibrationTest {

    /** The trimming values of the Bosch BMP280 datasheet's worked example. */
    static final Bme280Calibration BOSCH_EXAMPLE =
            new Bme280Calibration(27504, 26435, -1000, 36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000);

    static final int BOSCH_ADC_T = 519888;
    static final int BOSCH_ADC_P = 415148;

    @Test
    void compensatesTheDatasheetExampleTemperature() {
        Bme280Calibration.Temperature temperature = BOSCH_EXAMPLE.temperature(BOSCH_ADC_T);

        assertThat(temperature.tFine()).isEqualTo(128422);
        assertThat(temperature.celsius()).isCloseTo(25.08247793081682, within(1e-12));
        assertThat(Math.round(temperature.celsius() * 100) / 100.0).isEqualTo(25.08);
    }

    @Test
    void compensatesTheDatasheetExamplePressureWithTheTruncatedFineTemperature() throws Exception {
        double pascal = BOSCH_EXAMPLE.pressurePascal(BOSCH_ADC_P, 128422);

        assertThat(pascal).isCloseTo(100653.25814481472, within(1e-8));
        assertThat(Math.round(pascal) / 100.0).isEqualTo(1006.53);
    }

    @Test
    void parsesLittleEndianValuesWithT1AndP1Unsigned() {
        byte[] bytes = encode(BOSCH_EXAMPLE);

        assertThat(Bme280Calibration.parse(bytes)).isEqualTo(BOSCH_EXAMPLE);
    }

    @Test
    void readsT1AndP1AboveTheSigned16BitRangeAsPositive() {
        Bme280Calibration high = new Bme280Calibration(65000, 1, 1, 40000, 1, 1, 1, 1, 1, 1, 1, 1);

        assertThat(Bme280Calibration.parse(encode(high))).isEqualTo(high);
    }

    static byte[] encode(Bme280Calibration c) {
        int[] values = {
            c.digT1(), c.digT2(), c.digT3(), c.digP1(), c.digP2(), c.digP3(),
            c.digP4(), c.digP5(), c.digP6(), c.digP7(), c.digP8(), c.digP9()
        };
        byte[] bytes = new byte[Bme280Calibration.LENGTH];
        for (int i = 0; i < values.length; i++) {
            bytes[2 * i] = (byte) values[i];
            bytes[2 * i + 1] = (byte) (values[i] >> 8);
        }
        return bytes;
    }
}
