package home.connected.piagent.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ds18b20Test {

    private static final String PROBE = "28-01193a5f2c11";

    @TempDir
    Path root;

    @Test
    void readsTheTemperatureFromW1Slave() throws Exception {
        w1Slave(PROBE, "72 01 4b 46 7f ff 0e 10 57 : crc=57 YES", "72 01 4b 46 7f ff 0e 10 57 t=23125");

        assertThat(new Ds18b20(root, PROBE).read()).containsExactly(new Measurement("temperature", 23.125, "°C"));
    }

    @Test
    void readsTemperaturesBelowZero() throws Exception {
        w1Slave(PROBE, "ec ff 4b 46 7f ff 0c 10 f6 : crc=f6 YES", "ec ff 4b 46 7f ff 0c 10 f6 t=-1250");

        assertThat(new Ds18b20(root, PROBE).read()).containsExactly(Measurement.temperature(-1.25));
    }

    @Test
    void refusesAReadWhoseCrcFailed() throws Exception {
        w1Slave(PROBE, "72 01 4b 46 7f ff 0e 10 ff : crc=57 NO", "72 01 4b 46 7f ff 0e 10 ff t=23125");

        assertThatThrownBy(new Ds18b20(root, PROBE)::read)
                .isInstanceOf(IOException.class)
                .hasMessageContaining(PROBE)
                .hasMessageContaining("CRC check failed");
    }

    @Test
    void refusesThePowerOnResetValue() throws Exception {
        w1Slave(PROBE, "50 05 4b 46 7f ff 0c 10 1c : crc=1c YES", "50 05 4b 46 7f ff 0c 10 1c t=85000");

        assertThatThrownBy(new Ds18b20(root, PROBE)::read)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("85 °C, its power-on value");
    }

    @Test
    void refusesTheDisconnectedValue() throws Exception {
        w1Slave(PROBE, "90 f8 4b 46 7f ff 0c 10 0a : crc=0a YES", "90 f8 4b 46 7f ff 0c 10 0a t=-127000");

        assertThatThrownBy(new Ds18b20(root, PROBE)::read)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("disconnected");
    }

    @Test
    void refusesAnAllZeroScratchpadThoughItsCrcPasses() throws Exception {
        w1Slave(PROBE, "00 00 00 00 00 00 00 00 00 : crc=00 YES", "00 00 00 00 00 00 00 00 00 t=0");

        assertThatThrownBy(new Ds18b20(root, PROBE)::read)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("disconnected");
    }

    @Test
    void saysAProbeWhoseDirectoryIsGoneIsNotOnTheBus() throws Exception {
        Ds18b20 sensor = new Ds18b20(root, PROBE);
        w1Slave(PROBE, "72 01 4b 46 7f ff 0e 10 57 : crc=57 YES", "72 01 4b 46 7f ff 0e 10 57 t=23125");
        sensor.read();

        Files.delete(root.resolve(PROBE).resolve("w1_slave"));
        Files.delete(root.resolve(PROBE));

        assertThatThrownBy(sensor::read)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not on the bus")
                .hasMessageContaining(PROBE);
    }

    @Test
    void readsTheTemperatureFileWhenThereIsNoW1Slave() throws Exception {
        Files.createDirectories(root.resolve(PROBE));
        Files.writeString(root.resolve(PROBE).resolve("temperature"), "21500\n");

        assertThat(new Ds18b20(root, PROBE).read()).containsExactly(Measurement.temperature(21.5));
    }

    @Test
    void refusesThePowerOnResetValueFromTheTemperatureFile() throws Exception {
        Files.createDirectories(root.resolve(PROBE));
        Files.writeString(root.resolve(PROBE).resolve("temperature"), "85000\n");

        assertThatThrownBy(new Ds18b20(root, PROBE)::read)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("power-on");
    }

    @Test
    void listsTheProbesOnTheBusAlone() throws Exception {
        for (String device : new String[] {"28-0119b2c3d4e5", "w1_bus_master1", "28-00000a1b2c3d", "10-000802b4f1a2"}) {
            Files.createDirectories(root.resolve(device));
        }

        assertThat(Ds18b20.probes(root)).containsExactly("28-00000a1b2c3d", "28-0119b2c3d4e5");
    }

    @Test
    void readsEachOfSeveralProbesOnOneBus() throws Exception {
        w1Slave("28-00000a1b2c3d", "72 01 4b 46 7f ff 0e 10 57 : crc=57 YES", "72 01 4b 46 7f ff 0e 10 57 t=23125");
        w1Slave("28-0119b2c3d4e5", "91 01 4b 46 7f ff 0c 10 1e : crc=1e YES", "91 01 4b 46 7f ff 0c 10 1e t=25062");

        assertThat(new Ds18b20(root, "28-00000a1b2c3d").read()).containsExactly(Measurement.temperature(23.125));
        assertThat(new Ds18b20(root, "28-0119b2c3d4e5").read()).containsExactly(Measurement.temperature(25.062));
    }

    @Test
    void saysWhenThereIsNoBusToList() {
        assertThatThrownBy(() -> Ds18b20.probes(root.resolve("absent")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no 1-Wire bus");
    }

    @Test
    void takesOnlyADs18b20ProbeId() {
        assertThatThrownBy(() -> new Ds18b20(root, "../../etc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ds18b20(root, "w1_bus_master1")).isInstanceOf(IllegalArgumentException.class);
    }

    private void w1Slave(String probe, String crcLine, String temperatureLine) throws IOException {
        Files.createDirectories(root.resolve(probe));
        Files.writeString(root.resolve(probe).resolve("w1_slave"), crcLine + "\n" + temperatureLine + "\n");
    }
}
