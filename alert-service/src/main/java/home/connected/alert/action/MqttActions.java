package home.connected.alert.action;

import home.connected.alert.AlertProperties;
import home.connected.alert.delivery.DeliveryOutcome;
import home.connected.alert.delivery.Notice;
import home.connected.alert.delivery.Transition;
import home.connected.alert.template.Escaping;
import home.connected.alert.template.MessageTemplates;
import home.connected.contracts.alert.v1.MqttAction;
import home.connected.mqtt.MqttConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/** Publishes a rule's MQTT actions with alert-service's own broker client. */
@Component
public class MqttActions {

    /** MQTT 5 PUBACK reason: the client's ACL does not allow the topic. */
    private static final int NOT_AUTHORIZED = 135;

    private final ActionTopics topics;
    private final ActionPublisher broker;
    private final Duration timeout;

    public MqttActions(AlertProperties properties, ActionPublisher broker) {
        this.topics = new ActionTopics(
                properties.actions().allowedTopics(), properties.actions().readingsTopics());
        this.broker = broker;
        this.timeout = properties.delivery().timeout();
    }

    /** Null when the topic may be used by an action, otherwise why not (for rule validation). */
    public String topicProblem(String topic) {
        return topics.problem(topic);
    }

    /** Publishes the firing or resolved payload (rendered) and waits for the broker's answer. */
    public DeliveryOutcome publish(MqttAction action, Notice notice) {
        long start = System.nanoTime();
        String template =
                notice.transition() == Transition.RESOLVED ? action.getResolvedPayload() : action.getFiringPayload();
        byte[] payload = MessageTemplates.render(template, "", notice.variables(), Escaping.NONE)
                .getBytes(StandardCharsets.UTF_8);
        try {
            MqttConnection.Delivery delivery = broker.publish(
                            action.getTopic(), payload, action.getQos(), action.getRetain())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (delivery.accepted()) {
                return DeliveryOutcome.delivered(delivery.reasonCode(), took);
            }
            return DeliveryOutcome.failed(
                    delivery.reasonCode() != NOT_AUTHORIZED,
                    delivery.reasonCode(),
                    delivery.reasonCode() == NOT_AUTHORIZED
                            ? "the broker does not allow alert-service to publish to " + action.getTopic()
                            : "the broker refused the publish (reason " + delivery.reasonCode() + ")",
                    took);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryOutcome.failed(true, 0, "interrupted", Duration.ofNanos(System.nanoTime() - start));
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            return DeliveryOutcome.failed(
                    true, 0, "MQTT publish failed: " + cause.getMessage(), Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
