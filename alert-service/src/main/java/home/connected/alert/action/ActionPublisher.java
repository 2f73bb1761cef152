package home.connected.alert.action;

import home.connected.mqtt.MqttConnection;
import java.util.concurrent.CompletableFuture;

/** The broker client actions are published with (alert-service's own). */
public interface ActionPublisher {

    /** Completes with the broker's answer; fails at once while disconnected. */
    CompletableFuture<MqttConnection.Delivery> publish(String topic, byte[] payload, int qos, boolean retain);
}
