package home.connected.auth.device;

import home.connected.auth.grpc.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
import org.eclipse.paho.mqttv5.common.util.MqttTopicValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * auth-service's one MQTT connection, as the broker's admin: it sends dynamic-security commands and
 * watches device status. Connects in the background and reconnects, so the service runs (and
 * answers UNAVAILABLE for device calls) while the broker is away.
 */
@Component
class BrokerConnection implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BrokerConnection.class);

    private final Properties properties;
    private final MqttAsyncClient client;
    private final Map<String, BiConsumer<String, MqttMessage>> subscriptions = new ConcurrentHashMap<>();

    BrokerConnection(Properties properties) throws MqttException {
        this.properties = properties;
        this.client =
                new MqttAsyncClient(properties.url(), "auth-service-" + UUID.randomUUID(), new MemoryPersistence());
        client.setCallback(new Dispatcher());
        connect();
    }

    /** Subscribes now when connected, and again after every reconnect. */
    void subscribe(String filter, BiConsumer<String, MqttMessage> handler) {
        subscriptions.put(filter, handler);
        if (client.isConnected()) {
            subscribeNow(filter);
        }
    }

    void publish(String topic, String payload) {
        if (!client.isConnected()) {
            throw ApiException.unavailable("the MQTT broker is not reachable; try again shortly");
        }
        try {
            client.publish(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, false, null))
                    .waitForCompletion(properties.commandTimeout().toMillis());
        } catch (MqttException e) {
            log.warn("publishing to {} failed: {}", topic, e.toString());
            throw ApiException.unavailable("the MQTT broker did not take the command; try again shortly");
        }
    }

    Duration commandTimeout() {
        return properties.commandTimeout();
    }

    @Scheduled(fixedDelayString = "PT5S", initialDelayString = "PT5S")
    void connect() {
        if (client.isConnected()) {
            return;
        }
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(properties.adminUser());
        options.setPassword(properties.adminPassword().getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        options.setConnectionTimeout(5);
        try {
            client.connect(options).waitForCompletion(10_000);
        } catch (MqttException e) {
            log.warn(
                    "cannot reach the MQTT broker at {} as {}: {}",
                    properties.url(),
                    properties.adminUser(),
                    e.toString());
        }
    }

    @Override
    public void destroy() throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(5_000);
        }
        client.close();
    }

    private void subscribeNow(String filter) {
        try {
            client.subscribe(filter, 1);
        } catch (MqttException e) {
            log.warn("could not subscribe to {}: {}", filter, e.toString());
        }
    }

    private final class Dispatcher implements MqttCallback {

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            log.info("connected to the MQTT broker at {}", serverURI);
            subscriptions.keySet().forEach(BrokerConnection.this::subscribeNow);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            subscriptions.forEach((filter, handler) -> {
                if (MqttTopicValidator.isMatched(filter, topic)) {
                    try {
                        handler.accept(topic, message);
                    } catch (RuntimeException e) {
                        log.warn("handling a message on {} failed: {}", topic, e.toString());
                    }
                }
            });
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            log.warn("lost the MQTT broker connection: {}", response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("MQTT error: {}", exception.toString());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }

    @ConfigurationProperties("ch.auth.mqtt")
    record Properties(String url, String adminUser, String adminPassword, Duration commandTimeout) {}
}
