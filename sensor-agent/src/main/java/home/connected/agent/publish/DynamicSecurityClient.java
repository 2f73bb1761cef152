package home.connected.agent.publish;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs commands of Mosquitto's dynamic-security plugin ({@code $CONTROL/dynamic-security/v1}) as
 * its admin, and waits for each answer.
 */
public class DynamicSecurityClient implements AutoCloseable {

    private static final String COMMAND_TOPIC = "$CONTROL/dynamic-security/v1";
    private static final String RESPONSE_TOPIC = COMMAND_TOPIC + "/response";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MqttAsyncClient client;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    public DynamicSecurityClient(String brokerUrl, String adminUsername, String adminPassword) throws MqttException {
        client = new MqttAsyncClient(brokerUrl, "agent-dynsec-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(adminUsername);
        options.setPassword(adminPassword.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        client.setCallback(new Responses());
        client.connect(options).waitForCompletion(10_000);
        client.subscribe(RESPONSE_TOPIC, 1).waitForCompletion(10_000);
    }

    /**
     * Runs one command, e.g. {@code {"command":"deleteClient","username":"x"}}.
     *
     * @return the plugin's error text, or null when the command succeeded
     */
    public String execute(ObjectNode command) throws Exception {
        String correlation = UUID.randomUUID().toString();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(correlation, answer);
        command.put("correlationData", correlation);
        ObjectNode envelope = JSON.createObjectNode();
        envelope.putArray("commands").add(command);
        client.publish(COMMAND_TOPIC, JSON.writeValueAsBytes(envelope), 1, false)
                .waitForCompletion(10_000);
        JsonNode response = answer.get(10, TimeUnit.SECONDS);
        JsonNode error = response.get("error");
        return error == null ? null : error.asString();
    }

    /** Runs a command that must succeed. */
    public void require(ObjectNode command) throws Exception {
        String error = execute(command);
        if (error != null) {
            throw new IllegalStateException("dynamic-security refused " + command.get("command") + ": " + error);
        }
    }

    public static ObjectNode command(String name) {
        return JSON.createObjectNode().put("command", name);
    }

    @Override
    public void close() throws MqttException {
        try {
            client.disconnect().waitForCompletion(5_000);
        } finally {
            client.close();
        }
    }

    private final class Responses implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            JsonNode body = JSON.readTree(message.getPayload());
            for (JsonNode response : body.path("responses")) {
                CompletableFuture<JsonNode> waiting =
                        pending.remove(response.path("correlationData").asString(""));
                if (waiting != null) {
                    waiting.complete(response);
                }
            }
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
    }
}
