package home.connected.ingest.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * For brokers run by the project (dev, tests, bench): creates ingest's own broker client through
 * Mosquitto's dynamic-security plugin as the admin, because the admin may not publish and ingest
 * publishes dead letters. Idempotent: existing clients and roles are updated. Production brokers
 * get the client from their operator and leave {@code provision-with-admin} off.
 */
final class BrokerAccessProvisioning {

    private static final Logger log = LoggerFactory.getLogger(BrokerAccessProvisioning.class);
    private static final String COMMANDS = "$CONTROL/dynamic-security/v1";
    private static final String RESPONSES = COMMANDS + "/response";

    private final IngestProperties.Mqtt mqtt;
    private final List<String> filters;
    private final List<String> publishPrefixes;
    private final JsonMapper json;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    BrokerAccessProvisioning(
            IngestProperties.Mqtt mqtt, List<String> filters, List<String> publishPrefixes, JsonMapper json) {
        this.mqtt = mqtt;
        this.filters = filters;
        this.publishPrefixes = publishPrefixes;
        this.json = json;
    }

    /**
     * Creates or updates ingest's client: subscribe to every filter (plain and shared), publish
     * under its own prefixes (dead letters, stored-reading announcements).
     */
    void provision() throws MqttException, InterruptedException {
        if (mqtt.username().equals(mqtt.adminUsername())) {
            throw new IllegalStateException("ch.ingest.mqtt.username must not be the admin when provisioning");
        }
        List<Map<String, Object>> acls = new ArrayList<>();
        for (String filter : filters) {
            acls.add(acl("subscribePattern", filter));
            acls.add(acl("subscribePattern", mqtt.subscription(filter)));
        }
        for (String prefix : publishPrefixes) {
            acls.add(acl("publishClientSend", prefix + "/#"));
        }
        ensureClient(mqtt.username(), mqtt.password(), acls);
        log.info("MQTT client {} provisioned through dynamic security", mqtt.username());
    }

    /** Creates the client with a role of the same name holding the ACLs, or updates both. */
    void ensureClient(String username, String password, List<Map<String, Object>> acls)
            throws MqttException, InterruptedException {
        MqttAsyncClient admin =
                new MqttAsyncClient(mqtt.url(), "ingest-provisioning-" + UUID.randomUUID(), new MemoryPersistence());
        admin.setCallback(new Responses());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(mqtt.adminUsername());
        options.setPassword(mqtt.adminPassword().getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        admin.connect(options).waitForCompletion(10_000);
        try {
            admin.subscribe(RESPONSES, 1).waitForCompletion(10_000);
            if (!run(admin, Map.of("command", "createRole", "rolename", username, "acls", acls))) {
                for (Map<String, Object> acl : acls) {
                    Map<String, Object> add = new HashMap<>(acl);
                    add.put("command", "addRoleACL");
                    add.put("rolename", username);
                    run(admin, add);
                }
            }
            Map<String, Object> create = Map.of(
                    "command",
                    "createClient",
                    "username",
                    username,
                    "password",
                    password,
                    "roles",
                    List.of(Map.of("rolename", username)));
            if (!run(admin, create)) {
                // sets password and roles at once; addClientRole fails on a client already in the role
                Map<String, Object> modify = new HashMap<>(create);
                modify.put("command", "modifyClient");
                run(admin, modify);
            }
        } finally {
            admin.disconnect().waitForCompletion(5_000);
            admin.close();
        }
    }

    static Map<String, Object> acl(String type, String topic) {
        return Map.of("acltype", type, "topic", topic, "allow", true);
    }

    /** @return false when the plugin answered that the thing already exists; throws on other errors */
    private boolean run(MqttAsyncClient admin, Map<String, Object> command) throws MqttException, InterruptedException {
        String correlation = UUID.randomUUID().toString();
        Map<String, Object> withCorrelation = new HashMap<>(command);
        withCorrelation.put("correlationData", correlation);
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(correlation, answer);
        byte[] body = json.writeValueAsBytes(Map.of("commands", List.of(withCorrelation)));
        admin.publish(COMMANDS, body, 1, false).waitForCompletion(10_000);
        JsonNode response;
        try {
            response = answer.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no answer from dynamic security to " + command.get("command"), e);
        }
        String error = response.path("error").asString("");
        if (error.isEmpty()) {
            return true;
        }
        if (error.toLowerCase(java.util.Locale.ROOT).contains("already")) {
            return false;
        }
        throw new IllegalStateException("dynamic security refused " + command.get("command") + ": " + error);
    }

    private final class Responses implements MqttCallback {

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            for (JsonNode response : json.readTree(message.getPayload()).path("responses")) {
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
