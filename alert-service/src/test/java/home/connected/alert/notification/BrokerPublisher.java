package home.connected.alert.notification;

import home.connected.alert.action.ActionPublisher;
import home.connected.mqtt.MqttConnection;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** Publishes actions through the test's own broker client on the dev Mosquitto. */
final class BrokerPublisher implements ActionPublisher {

    private final MqttAsyncClient client;

    BrokerPublisher(MqttAsyncClient client) {
        this.client = client;
    }

    @Override
    public CompletableFuture<MqttConnection.Delivery> publish(String topic, byte[] payload, int qos, boolean retain) {
        CompletableFuture<MqttConnection.Delivery> answer = new CompletableFuture<>();
        try {
            client.publish(topic, new MqttMessage(payload, qos, retain, null), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    answer.complete(new MqttConnection.Delivery(codes == null || codes.length == 0 ? 0 : codes[0]));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    answer.completeExceptionally(failure);
                }
            });
        } catch (MqttException e) {
            answer.completeExceptionally(e);
        }
        return answer;
    }
}
