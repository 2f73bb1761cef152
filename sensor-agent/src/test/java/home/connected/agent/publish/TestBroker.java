package home.connected.agent.publish;

import home.connected.contracts.Topics;
import home.connected.dynsec.DynamicSecurityClient;
import home.connected.testing.DevServices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;

/** Test-run names on the shared broker, and the clean-up that leaves nothing of a run behind. */
public final class TestBroker {

    private TestBroker() {}

    /** A fresh lower-case suffix, so runs never see each other's retained messages or clients. */
    public static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    public static MqttProperties provisioningProperties(String username) {
        DevServices services = DevServices.get();
        return new MqttProperties(
                services.mqttUrl(),
                null,
                null,
                null,
                true,
                services.mqttAdminUser(),
                services.mqttAdminPassword(),
                username);
    }

    public static String statusTopic(String deviceId) {
        return Topics.status(deviceId);
    }

    /**
     * Clears the devices' retained status as the provisioned client (the admin may not publish),
     * after giving it a known password, then deletes the client and its role.
     */
    public static void cleanUp(String username, List<String> deviceIds) throws Exception {
        DevServices services = DevServices.get();
        String password = unique() + unique();
        try (DynamicSecurityClient dynsec = DynamicSecurityClient.connect(
                services.mqttUrl(),
                services.mqttAdminUser(),
                services.mqttAdminPassword(),
                "agent-cleanup",
                Duration.ofSeconds(10))) {
            dynsec.setClientPassword(username, password);
            MqttAsyncClient client =
                    new MqttAsyncClient(services.mqttUrl(), "agent-cleanup-" + unique(), new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName(username);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
            client.connect(options).waitForCompletion(10_000);
            for (String deviceId : deviceIds) {
                client.publish(statusTopic(deviceId), new byte[0], 1, true).waitForCompletion(10_000);
            }
            client.disconnect().waitForCompletion(5_000);
            client.close();
            PublisherProvisioning.remove(dynsec, username);
        }
    }
}
