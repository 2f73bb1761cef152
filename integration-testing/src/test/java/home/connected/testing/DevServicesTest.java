package home.connected.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class DevServicesTest {

    @Test
    void parsesTheExportLinesOfDevServicesEnv() {
        Map<String, String> parsed = DevServices.parseExports("""
                export CH_MQTT_URL='tcp://127.0.0.1:11883'
                export CH_MQTT_ADMIN_PASSWORD='it'\\''s'
                export OTHER='ignored'
                not an export line
                """);

        assertThat(parsed)
                .containsOnly(
                        Map.entry("CH_MQTT_URL", "tcp://127.0.0.1:11883"), Map.entry("CH_MQTT_ADMIN_PASSWORD", "it's"));
    }

    @Test
    void environmentWinsOverTheScript() {
        Map<String, String> resolved = DevServices.resolve(Map.of("CH_MQTT_URL", "tcp://example:1", "PATH", "/bin"));

        assertThat(resolved).containsEntry("CH_MQTT_URL", "tcp://example:1").doesNotContainKey("PATH");
    }

    @Test
    void aMissingVariableNamesTheCommandThatStartsTheServices() {
        DevServices none = new DevServices(Map.of());

        assertThatThrownBy(none::mariadbUrl)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CH_MARIADB_URL")
                .hasMessageContaining("./dev/services up");
    }

    @Test
    void aServiceThatDoesNotListenNamesTheCommandThatStartsIt() {
        DevServices none = new DevServices(Map.of());

        assertThatThrownBy(() -> none.requireListening("MariaDB", "jdbc:mariadb://127.0.0.1:1/x"))
                .hasMessageContaining("MariaDB does not answer at 127.0.0.1:1")
                .hasMessageContaining("./dev/services up");
    }
}
