package home.connected.agent.publish;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the agent reaches the broker.
 *
 * @param url broker URL, e.g. {@code tcp://127.0.0.1:11883}
 * @param username shared username, used for devices without an entry in {@code devicePasswords}
 * @param password shared password
 * @param devicePasswords per-device credentials: the device id is the username
 * @param provisionWithAdmin for local runs: create (idempotently) a dynamic-security client allowed
 *     to publish only under the agent's device topics, with a fresh random password, and use it
 * @param adminUsername the broker's dynamic-security admin, only for {@code provisionWithAdmin}
 * @param adminPassword its password
 * @param provisionedUsername the client and role name provisioning creates
 */
@ConfigurationProperties("ch.agent.mqtt")
public record MqttProperties(
        String url,
        String username,
        String password,
        Map<String, String> devicePasswords,
        boolean provisionWithAdmin,
        String adminUsername,
        String adminPassword,
        String provisionedUsername) {

    public MqttProperties {
        devicePasswords = devicePasswords != null ? Map.copyOf(devicePasswords) : Map.of();
        provisionedUsername =
                provisionedUsername != null && !provisionedUsername.isBlank() ? provisionedUsername : "sim-agent";
    }

    /** The device's own credentials when configured, else the shared ones (null username: anonymous). */
    public MqttCredentials credentialsFor(String deviceId) {
        String devicePassword = devicePasswords.get(deviceId);
        if (devicePassword != null) {
            return new MqttCredentials(deviceId, devicePassword);
        }
        return new MqttCredentials(blankToNull(username), blankToNull(password));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
