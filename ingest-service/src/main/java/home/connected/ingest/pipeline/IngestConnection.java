package home.connected.ingest.pipeline;

import home.connected.mqtt.MqttConnection;
import home.connected.mqtt.MqttConnectionSettings;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT connection of the consumer: a persistent session (fixed client id, session expiry, no
 * clean start) subscribed at QoS 1 to the given filters, acknowledging each message only once it
 * is stored or parked. Staying connected is {@link MqttConnection}'s job.
 */
final class IngestConnection implements Outbox {

    private static final Logger log = LoggerFactory.getLogger(IngestConnection.class);

    interface Intake {
        void accept(IngestConnection connection, String topic, MqttMessage message) throws InterruptedException;
    }

    private final MqttConnection connection;

    IngestConnection(IngestProperties.Mqtt settings, List<String> subscriptions, int index, Intake intake) {
        MqttConnectionSettings.Builder builder = MqttConnection.builder(
                        "ingest-" + index, settings.url(), settings.clientId() + "-" + index)
                .credentials(settings.username(), settings.password())
                .persistentSession(settings.sessionExpiry())
                .receiveMaximum(settings.receiveMaximum())
                .manualAcknowledgements()
                .onMessage((topic, message) -> intake.accept(this, topic, message));
        subscriptions.forEach(filter -> builder.subscribe(filter, 1));
        this.connection = builder.build();
    }

    void start() {
        connection.start();
    }

    void stop() {
        connection.close();
    }

    MqttConnection connection() {
        return connection;
    }

    /** The acknowledgement for a message that arrived on this connection (nothing to send for QoS 0). */
    PendingMessage.Acknowledgement acknowledgementFor(MqttMessage message) {
        return connection.acknowledgementFor(message)::run;
    }

    @Override
    public void publish(String topic, byte[] payload, Consumer<Boolean> whenDone) {
        connection.publish(topic, payload, 1, false).whenComplete((delivery, failure) -> {
            if (failure != null || !delivery.accepted()) {
                log.warn(
                        "publish to {} failed: {}",
                        topic,
                        failure != null ? failure.getMessage() : "reason " + delivery.reasonCode());
            }
            whenDone.accept(failure == null && delivery.accepted());
        });
    }

    @Override
    public void publishQuietly(String topic, byte[] payload) {
        connection.publish(topic, payload, 0, false);
    }

    @Override
    public void publishProbe(String topic, byte[] payload, Consumer<Boolean> listening) {
        connection.publish(topic, payload, 1, false).whenComplete((delivery, failure) -> {
            if (failure != null) {
                log.debug("announcement on {} not sent: {}", topic, failure.getMessage());
            }
            listening.accept(failure != null || !delivery.noSubscribers());
        });
    }
}
