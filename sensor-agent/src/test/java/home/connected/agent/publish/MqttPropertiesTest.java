package home.connected.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MqttPropertiesTest {

    @Test
    void aDeviceWithItsOwnPasswordLogsInAsItselfOthersShareTheCommonLogin() {
        MqttProperties mqtt = new MqttProperties(
                "tcp://127.0.0.1:1883", "agents", "shared", Map.of("pi-kitchen", "own"), false, null, null, null);
        assertThat(mqtt.credentialsFor("pi-kitchen")).isEqualTo(new MqttCredentials("pi-kitchen", "own"));
        assertThat(mqtt.credentialsFor("pi-cellar")).isEqualTo(new MqttCredentials("agents", "shared"));
        assertThat(mqtt.provisionedUsername()).isEqualTo("sim-agent");
    }

    @Test
    void withoutAnyLoginTheClientConnectsAnonymouslyAndPasswordsStayOutOfLogs() {
        MqttProperties mqtt = new MqttProperties("tcp://127.0.0.1:1883", "", "", null, false, null, null, null);
        assertThat(mqtt.credentialsFor("pi-1")).isEqualTo(new MqttCredentials(null, null));
        assertThat(new MqttCredentials("pi-1", "secret").toString()).doesNotContain("secret");
    }
}
