package home.connected.piagent.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class Bme280HumidityCalibrationTest {

    /** Values like a real chip's, H3 not zero so that its term counts. */
    static final Bme280HumidityCalibration TYPICAL = new Bme280HumidityCalibration(75, 362, 5, 313, 50, 30);

    @Test
    void compensatesHumidityAsTheDatasheetFormulaGives() {
        // the double formula of datasheet 8.1; its 32-bit integer formula gives 56322/1024 = 55.002 %
        assertThat(TYPICAL.humidityPercent(30000, 128422)).isCloseTo(55.00544622555304, within(1e-9));
    }

    @Test
    void clampsHumidityTo0And100Percent() {
        assertThat(TYPICAL.humidityPercent(20000, 128422)).isEqualTo(0.0);
        assertThat(TYPICAL.humidityPercent(60000, 128422)).isEqualTo(100.0);
    }

    @Test
    void parsesH4AndH5From12BitsSharingRegisterE5() {
        // E1..E7: H2 = 362, H3 = 5, E4 = 0x13, E5 = 0x29, E6 = 0x03, H6 = 30
        byte[] bytes = {0x6A, 0x01, 0x05, 0x13, 0x29, 0x03, 0x1E};

        assertThat(Bme280HumidityCalibration.parse(75, bytes)).isEqualTo(TYPICAL);
    }

    @Test
    void signExtendsNegativeH4AndH5FromTheirTopBytes() {
        // H4 = -313 = 0xEC7 (E4 = 0xEC, low nibble of E5 = 7), H5 = -50 = 0xFCE (E6 = 0xFC, top nibble of E5 = E)
        byte[] bytes = {0x6A, 0x01, 0x05, (byte) 0xEC, (byte) 0xE7, (byte) 0xFC, 0x1E};

        Bme280HumidityCalibration parsed = Bme280HumidityCalibration.parse(75, bytes);

        assertThat(parsed.digH4()).isEqualTo(-313);
        assertThat(parsed.digH5()).isEqualTo(-50);
    }

    @Test
    void readsH1AndH3UnsignedAndH2AndH6Signed() {
        byte[] bytes = {(byte) 0x9C, (byte) 0xFF, (byte) 0xC8, 0x13, 0x29, 0x03, (byte) 0xE2};

        Bme280HumidityCalibration parsed = Bme280HumidityCalibration.parse((byte) 0xC8, bytes);

        assertThat(parsed.digH1()).isEqualTo(200);
        assertThat(parsed.digH2()).isEqualTo(-100);
        assertThat(parsed.digH3()).isEqualTo(200);
        assertThat(parsed.digH6()).isEqualTo(-30);
    }
}
