package home.connected.ingest.pipeline;

import static org.awaitility.Awaitility.await;

import home.connected.dynsec.Acl;
import home.connected.dynsec.DynamicSecurityClient;
import home.connected.testing.DevServices;
import home.connected.testing.OnMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** Publishing devices and a watching admin on a broker, for tests. */
final class TestBroker {

    static final String DEVICES = "connected-home/v1/devices/";

    private TestBroker() {}

    /** A publisher of the dev broker allowed to publish under {@code connected-home/v1/devices/#}. */
    static MqttAsyncClient devicePublisher() throws Exception {
        return publisher(DEVICES + "#");
    }

    /** A publisher of the dev broker allowed to publish on {@code filter}, created through dynamic security. */
    static MqttAsyncClient publisher(String filter) throws Exception {
        DevServices services = DevServices.get();
        String user = "ingest-test-pub-" + UUID.randomUUID().toString().substring(0, 8);
        String password = UUID.randomUUID().toString();
        try (DynamicSecurityClient dynsec = DynamicSecurityClient.connect(
                services.mqttUrl(),
                services.mqttAdminUser(),
                services.mqttAdminPassword(),
                "ingest-test",
                Duration.ofSeconds(10))) {
            dynsec.ensureRole(user, List.of(Acl.publishClientSend(filter)));
            dynsec.ensureClient(user, password, user);
        }
        return connect(services.mqttUrl(), user, password, (topic, message) -> {});
    }

    /** A client of a broker that lets anonymous clients do anything (a throwaway one). */
    static MqttAsyncClient anonymousPublisher(String url) throws MqttException {
        return connect(url, "anonymous", "", (topic, message) -> {});
    }

    /**
     * Publishes at QoS 1 and retries until the broker acknowledges, across broker restarts. A
     * retry may deliver a message twice; ingest stores it once.
     */
    static void publishUntilAcknowledged(MqttAsyncClient client, String topic, String payload) {
        await("the broker to take a message")
                .atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(MqttException.class)
                .until(() -> {
                    client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false)
                            .waitForCompletion(5_000);
                    return true;
                });
    }

    /** The dev broker's admin subscribed to {@code filter}; what arrives goes to {@code received}. */
    static MqttAsyncClient adminWatching(String filter, BlockingQueue<String> received) throws Exception {
        DevServices services = DevServices.get();
        MqttAsyncClient client = connect(
                services.mqttUrl(),
                services.mqttAdminUser(),
                services.mqttAdminPassword(),
                (topic, message) -> received.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
        client.subscribe(filter, 1).waitForCompletion(10_000);
        return client;
    }

    static BlockingQueue<String> queue() {
        return new LinkedBlockingQueue<>();
    }

    static void publish(MqttAsyncClient client, String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false)
                .waitForCompletion(10_000);
    }

    static void publishRetained(MqttAsyncClient client, String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, true).waitForCompletion(10_000);
    }

    static void close(MqttAsyncClient client) throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(5_000);
        }
        client.close();
    }

    private static MqttAsyncClient connect(
            String url, String user, String password, BiConsumer<String, MqttMessage> onMessage) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, "ingest-test-" + UUID.randomUUID(), new MemoryPersistence());
        client.setCallback(new OnMessage(onMessage));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        options.setAutomaticReconnect(true);
        client.connect(options).waitForCompletion(10_000);
        return client;
    }
}
