package home.connected.alert.notification;

import home.connected.dynsec.Acl;
import home.connected.dynsec.DynamicSecurityClient;
import home.connected.testing.DevServices;
import home.connected.testing.OnMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * A broker client of the test's own on the dev Mosquitto (created through dynamic security,
 * deleted on close) that may publish and subscribe below one action topic tree, and what its
 * subscriber received.
 */
final class ActionBroker implements AutoCloseable {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    private final String name =
            "alert-dispatch-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final String password = UUID.randomUUID().toString();
    private final MqttAsyncClient publisher;
    private final MqttAsyncClient subscriber;
    private final List<String> received = new CopyOnWriteArrayList<>();

    ActionBroker() throws MqttException {
        try (DynamicSecurityClient dynsec = admin()) {
            dynsec.ensureRole(name, List.of(Acl.publishClientSend(topicTree()), Acl.subscribePattern(topicTree())));
            dynsec.ensureClient(name, password, name);
        }
        publisher = connect();
        subscriber = connect();
        subscriber.setCallback(new OnMessage((topic, message) ->
                received.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8))));
        subscriber.subscribe(topicTree(), 1).waitForCompletion(10_000);
    }

    /** A topic the client may use. */
    String topic(String leaf) {
        return "connected-home/v1/actions/" + name + "/" + leaf;
    }

    MqttAsyncClient publisher() {
        return publisher;
    }

    /** "topic payload" of every message received. */
    List<String> received() {
        return new ArrayList<>(received);
    }

    private String topicTree() {
        return "connected-home/v1/actions/" + name + "/#";
    }

    private MqttAsyncClient connect() throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(
                DevServices.get().mqttUrl(), name + "-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(name);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        client.connect(options).waitForCompletion(10_000);
        return client;
    }

    @Override
    public void close() throws MqttException {
        for (MqttAsyncClient client : List.of(publisher, subscriber)) {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        }
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
                "alert-dispatch-test",
                ADMIN_TIMEOUT);
    }
}
