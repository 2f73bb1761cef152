package home.connected.dynsec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import home.connected.testing.DevServices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the real dev broker's dynamic-security plugin. */
class DynamicSecurityClientTest {

    private static final int NOT_AUTHORIZED = 135;

    private final DevServices services = DevServices.get();
    private final String name = "dynsec-test-" + UUID.randomUUID();
    private final String allowed = "dynsec-test/" + name + "/";
    private DynamicSecurityClient dynsec;

    @BeforeEach
    void connect() throws MqttException {
        dynsec = DynamicSecurityClient.connect(
                services.mqttUrl(),
                services.mqttAdminUser(),
                services.mqttAdminPassword(),
                "dynsec-test",
                Duration.ofSeconds(10));
    }

    @AfterEach
    void cleanUp() throws MqttException {
        try {
            if (dynsec.clientExists(name)) {
                dynsec.deleteClient(name);
            }
            dynsec.deleteRole(name);
        } catch (DynamicSecurityException e) {
            assertThat(e.notFound()).as(e.getMessage()).isTrue();
        } finally {
            dynsec.close();
        }
    }

    @Test
    void provisionedClientPublishesOnlyWhereItsRoleAllows() throws MqttException {
        dynsec.createRole(name, List.of(Acl.publishClientSend(allowed + "#")));
        dynsec.createClient(name, "first-password", name);

        MqttAsyncClient client = connectAs(name, "first-password");
        try {
            assertThat(publish(client, allowed + "reading")).isIn(0, 16);
            assertThat(publish(client, "dynsec-test/elsewhere/reading")).isEqualTo(NOT_AUTHORIZED);
        } finally {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        }
        assertThat(dynsec.getClient(name).path("roles").get(0).path("rolename").asString())
                .isEqualTo(name);
    }

    @Test
    void provisioningTwiceKeepsEarlierAclsAndSetsTheNewPassword() throws MqttException {
        dynsec.ensureRole(name, List.of(Acl.publishClientSend(allowed + "a/#")));
        dynsec.ensureClient(name, "first-password", name);
        dynsec.ensureRole(
                name, List.of(Acl.publishClientSend(allowed + "a/#"), Acl.publishClientSend(allowed + "b/#")));
        dynsec.ensureClient(name, "second-password", name);

        assertThatThrownBy(() -> connectAs(name, "first-password")).isInstanceOf(MqttException.class);
        MqttAsyncClient client = connectAs(name, "second-password");
        try {
            assertThat(publish(client, allowed + "a/reading")).isIn(0, 16);
            assertThat(publish(client, allowed + "b/reading")).isIn(0, 16);
            assertThat(publish(client, allowed + "c/reading")).isEqualTo(NOT_AUTHORIZED);
        } finally {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        }
    }

    @Test
    void disabledClientCannotConnectUntilEnabled() throws MqttException {
        dynsec.createRole(name, List.of(Acl.publishClientSend(allowed + "#")));
        dynsec.createClient(name, "password", name);
        dynsec.disableClient(name);
        assertThatThrownBy(() -> connectAs(name, "password")).isInstanceOf(MqttException.class);
        dynsec.enableClient(name);
        MqttAsyncClient client = connectAs(name, "password");
        client.disconnect().waitForCompletion(5_000);
        client.close();
    }

    @Test
    void refusalCarriesThePluginsMessage() {
        dynsec.createRole(name, List.of());
        assertThatThrownBy(() -> dynsec.createRole(name, List.of()))
                .isInstanceOfSatisfying(DynamicSecurityException.class, e -> {
                    assertThat(e.alreadyExists()).isTrue();
                    assertThat(e.getMessage()).startsWith("dynamic security refused createRole: ");
                });
        assertThatThrownBy(() -> dynsec.addClientRole(name, name))
                .isInstanceOfSatisfying(
                        DynamicSecurityException.class,
                        e -> assertThat(e.notFound()).as(e.pluginError()).isTrue());
        assertThat(dynsec.clientExists(name)).isFalse();
    }

    private MqttAsyncClient connectAs(String username, String password) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(services.mqttUrl(), name + "-conn", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(username);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        try {
            client.connect(options).waitForCompletion(10_000);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return client;
    }

    private static int publish(MqttAsyncClient client, String topic) throws MqttException {
        try {
            IMqttToken token =
                    client.publish(topic, new MqttMessage("1".getBytes(StandardCharsets.UTF_8), 1, false, null));
            token.waitForCompletion(10_000);
            int[] codes = token.getReasonCodes();
            return codes == null || codes.length == 0 ? 0 : codes[0];
        } catch (MqttException refused) {
            return refused.getReasonCode();
        }
    }
}
