package home.connected.dynsec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** Dynamic-security commands over a connection of its own, as the broker's admin; close it when done. */
public final class DynamicSecurityClient extends DynamicSecurityCommands implements AutoCloseable {

    private final MqttAsyncClient mqtt;

    private DynamicSecurityClient(MqttAsyncClient mqtt, Duration timeout) {
        super(envelope -> publish(mqtt, envelope, timeout), timeout);
        this.mqtt = mqtt;
    }

    /**
     * Connects as the admin and subscribes to the answers.
     *
     * @param clientIdPrefix names the connection in the broker's log, e.g. {@code ingest-provisioning}
     */
    public static DynamicSecurityClient connect(
            String url, String adminUser, String adminPassword, String clientIdPrefix, Duration timeout)
            throws MqttException {
        MqttAsyncClient mqtt =
                new MqttAsyncClient(url, clientIdPrefix + "-" + UUID.randomUUID(), new MemoryPersistence());
        DynamicSecurityClient client = new DynamicSecurityClient(mqtt, timeout);
        mqtt.setCallback(client.new Answers());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(adminUser);
        options.setPassword(adminPassword.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        try {
            mqtt.connect(options).waitForCompletion(timeout.toMillis());
            mqtt.subscribe(RESPONSE_TOPIC, 1).waitForCompletion(timeout.toMillis());
        } catch (MqttException e) {
            mqtt.close(true);
            throw e;
        }
        return client;
    }

    @Override
    public void close() throws MqttException {
        try {
            if (mqtt.isConnected()) {
                mqtt.disconnect().waitForCompletion(5_000);
            }
        } finally {
            mqtt.close();
        }
    }

    private static void publish(MqttAsyncClient mqtt, byte[] envelope, Duration timeout) {
        try {
            mqtt.publish(COMMAND_TOPIC, envelope, 1, false).waitForCompletion(timeout.toMillis());
        } catch (MqttException e) {
            throw new IllegalStateException("could not publish a dynamic-security command: " + e, e);
        }
    }

    private final class Answers implements MqttCallback {

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            handleResponses(message.getPayload());
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
