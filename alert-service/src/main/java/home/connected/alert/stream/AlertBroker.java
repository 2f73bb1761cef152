package home.connected.alert.stream;

import home.connected.alert.AlertProperties;
import home.connected.alert.action.ActionPublisher;
import home.connected.alert.evaluation.EvaluationLoop;
import home.connected.contracts.Topics;
import home.connected.mqtt.ConnectionListener;
import home.connected.mqtt.MqttConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * alert-service's one broker client, on every replica: takes the stored-reading announcements and
 * the devices' retained status to the evaluation loop (which drops them unless this replica
 * leads), tells it when the stream breaks and comes back, and publishes the rules' MQTT actions.
 * A clean session: what it misses while away is read back from InfluxDB.
 */
@Component
public class AlertBroker implements SmartLifecycle, ActionPublisher {

    private static final Logger log = LoggerFactory.getLogger(AlertBroker.class);

    private final AlertProperties properties;
    private final EvaluationLoop loop;
    private final StoredReadingsJson json;
    private volatile MqttConnection connection;
    private volatile boolean running;

    AlertBroker(AlertProperties properties, EvaluationLoop loop, JsonMapper json) {
        this.properties = properties;
        this.loop = loop;
        this.json = new StoredReadingsJson(json);
    }

    @Override
    public synchronized void start() {
        AlertProperties.Mqtt mqtt = properties.mqtt();
        if (mqtt.provisionWithAdmin()) {
            try {
                BrokerAccessProvisioning.provision(mqtt, properties.actions().allowedTopics());
            } catch (MqttException | RuntimeException e) {
                throw new IllegalStateException("could not provision alert-service's broker client: " + e, e);
            }
        }
        connection = MqttConnection.builder("alerts", mqtt.url(), mqtt.clientId())
                .credentials(mqtt.username(), mqtt.password())
                .subscribe(Topics.ALL_STORED, 1)
                .subscribe(Topics.ALL_STATUSES, 1)
                .onMessage((topic, message) -> arrived(topic, message.getPayload()))
                .listener(new ConnectionListener() {
                    @Override
                    public void connected(boolean reconnect) {
                        loop.streamUp();
                    }

                    @Override
                    public void lost(String cause) {
                        loop.streamDown();
                    }
                })
                .build()
                .start();
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Connects before this replica runs for leader (Spring Integration's initiator starts at
     * MAX_VALUE - 1000) and disconnects after it stepped down: a leader always has the stream.
     */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }

    /** Connected and subscribed: announcements arrive. */
    public boolean receiving() {
        MqttConnection current = connection;
        return current != null && current.subscribed();
    }

    @Override
    public CompletableFuture<MqttConnection.Delivery> publish(String topic, byte[] payload, int qos, boolean retain) {
        MqttConnection current = connection;
        if (current == null || !current.connected()) {
            return CompletableFuture.failedFuture(new IllegalStateException("not connected to the broker"));
        }
        return current.publish(topic, payload, qos, retain);
    }

    /** The connection now, for health and metrics. */
    public List<MqttConnection> connections() {
        MqttConnection current = connection;
        return current == null ? List.of() : List.of(current);
    }

    private void arrived(String topic, byte[] payload) {
        try {
            if (topic.endsWith("/status")) {
                String status = new String(payload, StandardCharsets.UTF_8).strip();
                String device = Topics.deviceIdOf(topic);
                if (device != null && (status.equals("online") || status.equals("offline"))) {
                    loop.offerStatus(device, status.equals("online"));
                }
                return;
            }
            loop.offer(json.parse(payload));
        } catch (RuntimeException e) {
            log.warn("announcement on {} not evaluated: {}", topic, e.toString());
        }
    }
}
