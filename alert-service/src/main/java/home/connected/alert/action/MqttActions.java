package home.connected.alert.action;

import home.connected.alert.delivery.DeliveryOutcome;
import home.connected.alert.delivery.Notice;
import home.connected.contracts.alert.v1.MqttAction;
import org.springframework.stereotype.Component;

/** Publishes a rule's MQTT actions with alert-service's own broker client. */
@Component
public class MqttActions {

    /** Null when the topic may be used by an action, otherwise why not (for rule validation). */
    public String topicProblem(String topic) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Publishes the firing or resolved payload (rendered) and waits for the broker's answer. */
    public DeliveryOutcome publish(MqttAction action, Notice notice) {
        throw new UnsupportedOperationException("not built yet");
    }
}
