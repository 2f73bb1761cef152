package home.connected.bench;

import home.connected.contracts.Topics;
import home.connected.dynsec.Acl;
import home.connected.dynsec.DynamicSecurityClient;
import home.connected.testing.DevServices;
import home.connected.testing.OnMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Paho connections for the bench, and publishing clients created through dynamic security. */
final class Mqtt {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    private Mqtt() {}

    static MqttAsyncClient connect(String url, String user, String password, BiConsumer<String, MqttMessage> onMessage)
            throws MqttException {
        return connect(url, "bench-" + UUID.randomUUID(), user, password, onMessage);
    }

    static MqttAsyncClient connect(
            String url, String clientId, String user, String password, BiConsumer<String, MqttMessage> onMessage)
            throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        client.setCallback(new OnMessage(onMessage));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        client.connect(options).waitForCompletion(10_000);
        return client;
    }

    /** Ends a persistent session, so the broker stops queueing for it: connect with its id, clean start, leave. */
    static void endSession(String url, String clientId, String user, String password) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        options.setSessionExpiryInterval(0L);
        client.connect(options).waitForCompletion(10_000);
        close(client);
    }

    /** Persistent sessions on the broker with nobody connected, from its retained $SYS counter; -1 if it does not say. */
    static long disconnectedSessions(DevServices services) throws Exception {
        CompletableFuture<Long> count = new CompletableFuture<>();
        MqttAsyncClient client = connect(
                services.mqttUrl(),
                services.mqttAdminUser(),
                services.mqttAdminPassword(),
                (topic, message) -> count.complete(
                        Long.parseLong(new String(message.getPayload(), StandardCharsets.UTF_8).trim())));
        try {
            client.subscribe("$SYS/broker/clients/disconnected", 0).waitForCompletion(10_000);
            return count.get(12, TimeUnit.SECONDS);
        } catch (TimeoutException | NumberFormatException e) {
            return -1;
        } finally {
            close(client);
        }
    }

    /** Hears, for each reading, when it was stored. */
    interface StoredReadingListener {
        /** @param arrived {@link System#nanoTime()} when its announcement arrived */
        void stored(JsonNode reading, long arrived);
    }

    /** Follows (as the admin) the device's stored-readings announcements, each reading handed to {@code listener}. */
    static MqttAsyncClient watchStored(DevServices services, String device, StoredReadingListener listener)
            throws Exception {
        MqttAsyncClient watcher = connect(
                services.mqttUrl(), services.mqttAdminUser(), services.mqttAdminPassword(), (topic, message) -> {
                    long arrived = System.nanoTime();
                    for (JsonNode reading : JSON.readTree(message.getPayload()).path("readings")) {
                        listener.stored(reading, arrived);
                    }
                });
        watcher.subscribe(Topics.stored(device), 0).waitForCompletion(10_000);
        return watcher;
    }

    static void close(MqttAsyncClient client) {
        try {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        } catch (MqttException e) {
            // closing at the end of a run; nothing left to do
        }
    }

    /** Creates (as the admin) a client whose role may publish to each of {@code publishFilters}. */
    static void createPublisher(DevServices services, String user, String password, List<String> publishFilters)
            throws Exception {
        try (DynamicSecurityClient dynsec = admin(services)) {
            dynsec.createRole(
                    user, publishFilters.stream().map(Acl::publishClientSend).toList());
            dynsec.createClient(user, password, user);
        }
    }

    /** Creates (as the admin) a client whose role may subscribe to each of {@code subscribeFilters}. */
    static void createSubscriber(DevServices services, String user, String password, List<String> subscribeFilters)
            throws Exception {
        try (DynamicSecurityClient dynsec = admin(services)) {
            dynsec.createRole(
                    user, subscribeFilters.stream().map(Acl::subscribePattern).toList());
            dynsec.createClient(user, password, user);
        }
    }

    /** Deletes a client made by {@link #createPublisher} or {@link #createSubscriber}, and its role. */
    static void deletePublisher(DevServices services, String user) throws Exception {
        try (DynamicSecurityClient dynsec = admin(services)) {
            dynsec.deleteClient(user);
            dynsec.deleteRole(user);
        }
    }

    private static DynamicSecurityClient admin(DevServices services) throws MqttException {
        return DynamicSecurityClient.connect(
                services.mqttUrl(), services.mqttAdminUser(), services.mqttAdminPassword(), "bench", ADMIN_TIMEOUT);
    }
}
