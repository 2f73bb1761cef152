package home.connected.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Paho connections for the bench, and a publishing client created through dynamic security. */
final class Mqtt {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private Mqtt() {}

    static MqttAsyncClient connect(String url, String user, String password, BiConsumer<String, MqttMessage> onMessage)
            throws MqttException {
        return connect(url, "bench-" + UUID.randomUUID(), user, password, onMessage);
    }

    static MqttAsyncClient connect(
            String url, String clientId, String user, String password, BiConsumer<String, MqttMessage> onMessage)
            throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                onMessage.accept(topic, message);
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {}

            @Override
            public void mqttErrorOccurred(MqttException exception) {}

            @Override
            public void deliveryComplete(IMqttToken token) {}

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {}

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        client.connect(options).waitForCompletion(10_000);
        return client;
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
    static void createPublisher(Services services, String user, String password, List<String> publishFilters)
            throws Exception {
        List<Map<String, Object>> acls = publishFilters.stream()
                .map(filter -> Map.<String, Object>of("acltype", "publishClientSend", "topic", filter, "allow", true))
                .toList();
        dynamicSecurity(
                services,
                List.of(
                        Map.of("command", "createRole", "rolename", user, "acls", acls),
                        Map.of(
                                "command",
                                "createClient",
                                "username",
                                user,
                                "password",
                                password,
                                "roles",
                                List.of(Map.of("rolename", user)))));
    }

    static void deletePublisher(Services services, String user) throws Exception {
        dynamicSecurity(
                services,
                List.of(
                        Map.of("command", "deleteClient", "username", user),
                        Map.of("command", "deleteRole", "rolename", user)));
    }

    private static void dynamicSecurity(Services services, List<Map<String, Object>> commands) throws Exception {
        Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        MqttAsyncClient admin = connect(
                services.mqttUrl(), services.mqttAdminUser(), services.mqttAdminPassword(), (topic, message) -> {
                    for (JsonNode response : JSON.readTree(message.getPayload()).path("responses")) {
                        CompletableFuture<JsonNode> waiting =
                                pending.remove(response.path("correlationData").asString(""));
                        if (waiting != null) {
                            waiting.complete(response);
                        }
                    }
                });
        try {
            admin.subscribe("$CONTROL/dynamic-security/v1/response", 1).waitForCompletion(10_000);
            for (Map<String, Object> command : commands) {
                command(admin, pending, command);
            }
        } finally {
            close(admin);
        }
    }

    private static void command(
            MqttAsyncClient admin, Map<String, CompletableFuture<JsonNode>> pending, Map<String, Object> command)
            throws Exception {
        String correlation = UUID.randomUUID().toString();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(correlation, answer);
        Map<String, Object> withCorrelation = new java.util.HashMap<>(command);
        withCorrelation.put("correlationData", correlation);
        admin.publish(
                        "$CONTROL/dynamic-security/v1",
                        JSON.writeValueAsBytes(Map.of("commands", List.of(withCorrelation))),
                        1,
                        false)
                .waitForCompletion(10_000);
        String error = answer.get(10, TimeUnit.SECONDS).path("error").asString("");
        if (!error.isEmpty()) {
            throw new IllegalStateException("dynamic security refused " + command.get("command") + ": " + error);
        }
    }
}
