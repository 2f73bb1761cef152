package home.connected.system;

import home.connected.contracts.Topics;
import home.connected.contracts.auth.v1.DeviceCredentials;
import home.connected.contracts.auth.v1.ProvisionDeviceRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** A device provisioned through the API, publishing on its own MQTT connection with the credentials it was handed. */
public final class DevicePublisher implements AutoCloseable {

    private final MqttClient client;
    private final String topic;
    private final String statusTopic;

    private DevicePublisher(DeviceCredentials credentials) throws MqttException {
        String url = home.connected.testing.DevServices.get().mqttUrl();
        client = new MqttClient(url, credentials.getMqttUsername(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(credentials.getMqttUsername());
        options.setPassword(credentials.getMqttPassword().getBytes(StandardCharsets.UTF_8));
        client.connect(options);
        topic = credentials.getTopicPrefix() + "readings";
        statusTopic = credentials.getTopicPrefix() + "status";
    }

    /** Provisions {@code device} (in the kitchen) as the admin and connects as it. */
    public static DevicePublisher provision(Rest rest, String adminToken, String device) throws MqttException {
        return provision(rest, adminToken, device, "Test device", "kitchen");
    }

    /** Provisions {@code device} with its display name and room as the admin and connects as it. */
    public static DevicePublisher provision(Rest rest, String adminToken, String device, String name, String room)
            throws MqttException {
        DeviceCredentials credentials = rest.ok(
                        "POST",
                        "/api/v1/devices",
                        adminToken,
                        ProvisionDeviceRequest.newBuilder()
                                .setDeviceId(device)
                                .setDisplayName(name)
                                .setLocation(room)
                                .build(),
                        DeviceCredentials.newBuilder())
                .build();
        return new DevicePublisher(credentials);
    }

    /** Connects as a device with the credentials someone was shown (e.g. on the admin page). */
    public static DevicePublisher connect(String deviceId, String mqttUsername, String mqttPassword)
            throws MqttException {
        return new DevicePublisher(DeviceCredentials.newBuilder()
                .setMqttUsername(mqttUsername)
                .setMqttPassword(mqttPassword)
                .setTopicPrefix(Topics.deviceTopicPrefix(deviceId))
                .build());
    }

    /** One reading of the device's bme280 in our JSON. */
    public static String reading(String quantity, double value, String unit, Instant time) {
        return "{\"sensor\":\"bme280\",\"quantity\":\"" + quantity + "\",\"value\":" + value + ",\"unit\":\"" + unit
                + "\",\"ts\":\"" + time + "\"}";
    }

    /** The device's retained status, {@code online} or {@code offline}; empty clears it. */
    public void status(String status) throws MqttException {
        send(statusTopic, status, true);
    }

    public void publish(String json) throws MqttException {
        send(topic, json, false);
    }

    private void send(String to, String payload, boolean retained) throws MqttException {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        message.setRetained(retained);
        client.publish(to, message);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
