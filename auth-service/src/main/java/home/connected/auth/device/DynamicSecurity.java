package home.connected.auth.device;

import home.connected.auth.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mosquitto's dynamic-security plugin: JSON commands on {@code $CONTROL/dynamic-security/v1},
 * matched to their answers by correlation data. Each device is a client {@code device-<id>}
 * holding role {@code device-<id>}, which may only publish under its own topic subtree.
 */
@Component
class DynamicSecurity {

    static final String TOPIC_ROOT = "connected-home/v1/devices/";
    private static final String COMMAND_TOPIC = "$CONTROL/dynamic-security/v1";
    private static final Logger log = LoggerFactory.getLogger(DynamicSecurity.class);

    private final BrokerConnection broker;
    private final JsonMapper json;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    DynamicSecurity(BrokerConnection broker, JsonMapper json) {
        this.broker = broker;
        this.json = json;
        broker.subscribe(COMMAND_TOPIC + "/response", this::onResponse);
    }

    static String clientName(String deviceId) {
        return "device-" + deviceId;
    }

    static String topicPrefix(String deviceId) {
        return TOPIC_ROOT + deviceId + "/";
    }

    void createDeviceClient(String deviceId, String password) {
        String name = clientName(deviceId);
        execute(command(
                "createRole",
                "rolename",
                name,
                "acls",
                List.of(Map.of("acltype", "publishClientSend", "topic", topicPrefix(deviceId) + "#", "allow", true))));
        try {
            execute(command(
                    "createClient",
                    "username",
                    name,
                    "password",
                    password,
                    "roles",
                    List.of(Map.of("rolename", name))));
        } catch (ApiException e) {
            deleteQuietly(command("deleteRole", "rolename", name));
            throw e;
        }
    }

    /** Sets a new password; the client is disabled meanwhile, which ends a session opened with the old one. */
    void replacePassword(String deviceId, String password, boolean enabled) {
        String name = clientName(deviceId);
        execute(command("disableClient", "username", name));
        execute(command("setClientPassword", "username", name, "password", password));
        if (enabled) {
            execute(command("enableClient", "username", name));
        }
    }

    /** Refuses new connections and ends the live session. */
    void disable(String deviceId) {
        execute(command("disableClient", "username", clientName(deviceId)));
    }

    void delete(String deviceId) {
        execute(command("deleteClient", "username", clientName(deviceId)));
        deleteQuietly(command("deleteRole", "rolename", clientName(deviceId)));
    }

    /** Best effort, for undoing half-done work. */
    void deleteQuietly(String deviceId) {
        deleteQuietly(command("deleteClient", "username", clientName(deviceId)));
        deleteQuietly(command("deleteRole", "rolename", clientName(deviceId)));
    }

    private void deleteQuietly(Map<String, Object> command) {
        try {
            execute(command);
        } catch (RuntimeException e) {
            log.warn("dynamic-security clean-up {} failed: {}", command.get("command"), e.getMessage());
        }
    }

    private void execute(Map<String, Object> command) {
        String correlation = UUID.randomUUID().toString();
        command.put("correlationData", correlation);
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(correlation, answer);
        try {
            broker.publish(COMMAND_TOPIC, json.writeValueAsString(Map.of("commands", List.of(command))));
            JsonNode response = answer.get(broker.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
            JsonNode error = response.get("error");
            if (error != null && !error.isNull()) {
                log.warn("dynamic-security refused {}: {}", command.get("command"), error.asString());
                throw refusal(error.asString());
            }
        } catch (TimeoutException e) {
            throw ApiException.unavailable("the MQTT broker did not answer in time; try again shortly");
        } catch (ExecutionException e) {
            throw ApiException.unavailable("the MQTT broker did not answer; try again shortly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while waiting for the MQTT broker");
        } finally {
            pending.remove(correlation);
        }
    }

    private static ApiException refusal(String error) {
        if (error.toLowerCase().contains("already exists")) {
            return ApiException.alreadyExists("the broker already has credentials for this device: " + error);
        }
        if (error.toLowerCase().contains("not found")) {
            return ApiException.notFound("the broker has no credentials for this device: " + error);
        }
        return ApiException.failedPrecondition("the broker refused the change: " + error);
    }

    private void onResponse(String topic, MqttMessage message) {
        JsonNode body = json.readTree(new String(message.getPayload(), StandardCharsets.UTF_8));
        for (JsonNode response : body.path("responses")) {
            CompletableFuture<JsonNode> waiting =
                    pending.get(response.path("correlationData").asString(""));
            if (waiting != null) {
                waiting.complete(response);
            }
        }
    }

    private static Map<String, Object> command(String name, Object... pairs) {
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("command", name);
        for (int i = 0; i < pairs.length; i += 2) {
            command.put((String) pairs[i], pairs[i + 1]);
        }
        return command;
    }
}
