package home.connected.query.live;

import home.connected.testing.DevServices;
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

/**
 * Publishes on the stored-readings topics as ingest-service does, with a broker client of its own
 * created through the dynamic-security plugin (the admin may not publish) and deleted on close.
 */
final class StoredTopicPublisher implements AutoCloseable {

    private static final String COMMANDS = "$CONTROL/dynamic-security/v1";

    private final MqttAsyncClient admin;
    private final MqttAsyncClient publisher;
    private final String name = "query-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, CompletableFuture<String>> answers = new ConcurrentHashMap<>();

    StoredTopicPublisher() throws Exception {
        DevServices services = DevServices.get();
        admin = connect(services.mqttUrl(), services.mqttAdminUser(), services.mqttAdminPassword());
        admin.setCallback(new Answers());
        admin.subscribe(COMMANDS + "/response", 1).waitForCompletion(10_000);
        String password = UUID.randomUUID().toString();
        command("{\"command\":\"createRole\",\"rolename\":\"" + name
                + "\",\"acls\":[{\"acltype\":\"publishClientSend\","
                + "\"topic\":\"connected-home/v1/stored/#\",\"allow\":true}]}");
        command("{\"command\":\"createClient\",\"username\":\"" + name + "\",\"password\":\"" + password
                + "\",\"roles\":[{\"rolename\":\"" + name + "\"}]}");
        publisher = connect(services.mqttUrl(), name, password);
    }

    /** Publishes one stored reading at QoS 1 and waits for the broker's acknowledgement. */
    void publish(String device, String sensor, String quantity, String location, String unit, double value, String ts)
            throws MqttException {
        String json = "{\"readings\":[{\"device\":\"" + device + "\",\"sensor\":\"" + sensor + "\",\"quantity\":\""
                + quantity + "\",\"value\":" + value + ",\"unit\":\"" + unit + "\",\"location\":\"" + location
                + "\",\"source\":\"native\",\"ts\":\"" + ts + "\"}]}";
        IMqttToken token = publisher.publish(
                "connected-home/v1/stored/" + device + "/readings",
                new MqttMessage(json.getBytes(StandardCharsets.UTF_8), 1, false, null));
        token.waitForCompletion(10_000);
        int[] codes = token.getReasonCodes();
        if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
            throw new IllegalStateException("the broker refused the publish: reason " + codes[0]);
        }
    }

    @Override
    public void close() throws Exception {
        publisher.disconnect().waitForCompletion(5_000);
        publisher.close();
        command("{\"command\":\"deleteClient\",\"username\":\"" + name + "\"}");
        command("{\"command\":\"deleteRole\",\"rolename\":\"" + name + "\"}");
        admin.disconnect().waitForCompletion(5_000);
        admin.close();
    }

    private void command(String command) throws Exception {
        String correlation = UUID.randomUUID().toString();
        CompletableFuture<String> answer = new CompletableFuture<>();
        answers.put(correlation, answer);
        String payload = "{\"commands\":[" + command.substring(0, command.length() - 1) + ",\"correlationData\":\""
                + correlation + "\"}]}";
        admin.publish(COMMANDS, payload.getBytes(StandardCharsets.UTF_8), 1, false)
                .waitForCompletion(10_000);
        String body = answer.get(10, TimeUnit.SECONDS);
        if (body.contains("\"error\"")) {
            throw new IllegalStateException("dynamic-security refused " + command + ": " + body);
        }
    }

    private static MqttAsyncClient connect(String url, String user, String password) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, user + "-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        client.connect(options).waitForCompletion(10_000);
        return client;
    }

    private final class Answers implements MqttCallback {

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            String body = new String(message.getPayload(), StandardCharsets.UTF_8);
            answers.entrySet().removeIf(waiting -> {
                if (body.contains(waiting.getKey())) {
                    waiting.getValue().complete(body);
                    return true;
                }
                return false;
            });
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {}

        @Override
        public void mqttErrorOccurred(MqttException exception) {}

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
