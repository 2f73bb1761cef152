package home.connected.testing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** Sends commands to Mosquitto's dynamic-security plugin as the admin client, for tests. */
final class DynamicSecurityAdmin implements AutoCloseable {

    private static final String COMMAND_TOPIC = "$CONTROL/dynamic-security/v1";
    private static final String RESPONSE_TOPIC = COMMAND_TOPIC + "/response";
    private static final Pattern CORRELATION = Pattern.compile("\"correlationData\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ERROR = Pattern.compile("\"error\"\\s*:\\s*\"([^\"]*)\"");

    private final MqttAsyncClient client;
    private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();

    DynamicSecurityAdmin(DevServices services) throws MqttException {
        client = connect(
                services.mqttUrl(),
                "dynsec-test-" + UUID.randomUUID(),
                services.mqttAdminUser(),
                services.mqttAdminPassword());
        client.setCallback(new OnMessage(this::onResponse));
        client.subscribe(RESPONSE_TOPIC, 1).waitForCompletion(10_000);
    }

    static MqttAsyncClient connect(String url, String clientId, String user, String password) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        client.connect(options).waitForCompletion(10_000);
        return client;
    }

    /** Creates a role allowed to publish and subscribe under the topic filter, and a client holding it. */
    void createClient(String username, String password, String topicFilter) throws Exception {
        execute("{\"command\":\"createRole\",\"rolename\":\"" + username + "\",\"acls\":["
                + "{\"acltype\":\"publishClientSend\",\"topic\":\"" + topicFilter + "\",\"allow\":true},"
                + "{\"acltype\":\"subscribePattern\",\"topic\":\"" + topicFilter + "\",\"allow\":true}]}");
        execute("{\"command\":\"createClient\",\"username\":\"" + username + "\",\"password\":\"" + password
                + "\",\"roles\":[{\"rolename\":\"" + username + "\"}]}");
    }

    void deleteClient(String username) throws Exception {
        execute("{\"command\":\"deleteClient\",\"username\":\"" + username + "\"}");
        execute("{\"command\":\"deleteRole\",\"rolename\":\"" + username + "\"}");
    }

    /** Runs one command (a JSON object without correlation data) and fails on the plugin's error. */
    void execute(String command) throws Exception {
        String correlation = UUID.randomUUID().toString();
        CompletableFuture<String> response = new CompletableFuture<>();
        pending.put(correlation, response);
        String withCorrelation =
                command.substring(0, command.length() - 1) + ",\"correlationData\":\"" + correlation + "\"}";
        client.publish(
                        COMMAND_TOPIC,
                        ("{\"commands\":[" + withCorrelation + "]}").getBytes(StandardCharsets.UTF_8),
                        1,
                        false)
                .waitForCompletion(10_000);
        String answer = response.get(10, TimeUnit.SECONDS);
        Matcher error = ERROR.matcher(answer);
        if (error.find()) {
            throw new IllegalStateException("dynamic-security refused " + command + ": " + error.group(1));
        }
    }

    @Override
    public void close() throws MqttException {
        client.disconnect().waitForCompletion(5_000);
        client.close();
    }

    private void onResponse(String topic, MqttMessage message) {
        String body = new String(message.getPayload(), StandardCharsets.UTF_8);
        Matcher correlation = CORRELATION.matcher(body);
        if (correlation.find()) {
            CompletableFuture<String> waiting = pending.remove(correlation.group(1));
            if (waiting != null) {
                waiting.complete(body);
            }
        }
    }
}
