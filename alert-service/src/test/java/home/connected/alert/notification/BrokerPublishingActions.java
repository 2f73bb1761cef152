package home.connected.alert.notification;

import home.connected.alert.action.MqttActions;
import home.connected.alert.delivery.DeliveryOutcome;
import home.connected.alert.delivery.Notice;
import home.connected.alert.delivery.Transition;
import home.connected.contracts.alert.v1.MqttAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The least MqttActions must do, for real: publishes the action's payload (untemplated) on a real
 * broker and waits for its answer. Stands in for the real MqttActions until that one is merged.
 */
class BrokerPublishingActions extends MqttActions {

    private final MqttAsyncClient client;

    BrokerPublishingActions(MqttAsyncClient client) {
        this.client = client;
    }

    @Override
    public DeliveryOutcome publish(MqttAction action, Notice notice) {
        long started = System.nanoTime();
        String payload =
                notice.transition() == Transition.RESOLVED ? action.getResolvedPayload() : action.getFiringPayload();
        try {
            IMqttToken token = client.publish(
                    action.getTopic(),
                    new MqttMessage(
                            payload.getBytes(StandardCharsets.UTF_8), action.getQos(), action.getRetain(), null));
            token.waitForCompletion(10_000);
            return DeliveryOutcome.delivered(0, Duration.ofNanos(System.nanoTime() - started));
        } catch (MqttException e) {
            return DeliveryOutcome.failed(
                    true, 0, "publish failed: " + e.getReasonCode(), Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
