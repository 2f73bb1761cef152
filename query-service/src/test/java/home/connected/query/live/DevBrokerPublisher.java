package home.connected.query.live;

import home.connected.contracts.Topics;
import home.connected.dynsec.Acl;
import home.connected.dynsec.DynamicSecurityClient;
import home.connected.testing.DevServices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Publishes on the dev broker as ingest-service (stored readings) and devices (their retained
 * status) do, with a broker client of its own created through the dynamic-security plugin (the
 * admin may not publish) and deleted on close; the statuses it set are cleared then.
 */
final class DevBrokerPublisher implements AutoCloseable {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    private final MqttAsyncClient publisher;
    private final String name = "query-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final Set<String> statusesSet = new LinkedHashSet<>();

    DevBrokerPublisher() throws Exception {
        DevServices services = DevServices.get();
        String password = UUID.randomUUID().toString();
        try (DynamicSecurityClient dynsec = admin()) {
            dynsec.ensureRole(
                    name,
                    List.of(Acl.publishClientSend(Topics.STORED_TREE), Acl.publishClientSend(Topics.ALL_STATUSES)));
            dynsec.ensureClient(name, password, name);
        }
        publisher = new MqttAsyncClient(services.mqttUrl(), name + "-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(name);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        publisher.connect(options).waitForCompletion(10_000);
    }

    /** Publishes one stored reading at QoS 1 and waits for the broker's acknowledgement. */
    void publish(String device, String sensor, String quantity, String location, String unit, double value, String ts)
            throws MqttException {
        String json = "{\"readings\":[{\"device\":\"" + device + "\",\"sensor\":\"" + sensor + "\",\"quantity\":\""
                + quantity + "\",\"value\":" + value + ",\"unit\":\"" + unit + "\",\"location\":\"" + location
                + "\",\"source\":\"native\",\"ts\":\"" + ts + "\"}]}";
        send(Topics.stored(device), json.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Publishes a device's status retained at QoS 1, as its agent does; an empty payload clears it. */
    void status(String device, String payload) throws MqttException {
        statusesSet.add(device);
        send(Topics.status(device), payload.getBytes(StandardCharsets.UTF_8), true);
    }

    private void send(String topic, byte[] payload, boolean retained) throws MqttException {
        IMqttToken token = publisher.publish(topic, new MqttMessage(payload, 1, retained, null));
        token.waitForCompletion(10_000);
        int[] codes = token.getReasonCodes();
        if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
            throw new IllegalStateException("the broker refused the publish: reason " + codes[0]);
        }
    }

    @Override
    public void close() throws Exception {
        for (String device : statusesSet) {
            send(Topics.status(device), new byte[0], true);
        }
        publisher.disconnect().waitForCompletion(5_000);
        publisher.close();
        try (DynamicSecurityClient dynsec = admin()) {
            dynsec.deleteClient(name);
            dynsec.deleteRole(name);
        }
    }

    private static DynamicSecurityClient admin() throws MqttException {
        DevServices services = DevServices.get();
        return DynamicSecurityClient.connect(
                services.mqttUrl(),
                services.mqttAdminUser(),
                services.mqttAdminPassword(),
                "query-test",
                ADMIN_TIMEOUT);
    }
}
