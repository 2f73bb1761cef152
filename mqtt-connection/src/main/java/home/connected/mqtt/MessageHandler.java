package home.connected.mqtt;

import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Takes every message of a connection, on Paho's callback thread: blocking here holds the next
 * message back (with manual acknowledgements, MQTT flow control then holds the rest at the
 * broker). A handler that throws drops the connection, so handlers catch what bad input causes.
 */
@FunctionalInterface
public interface MessageHandler {

    MessageHandler IGNORE = (topic, message) -> {};

    void arrived(String topic, MqttMessage message) throws Exception;
}
