package home.connected.alert.evaluation;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import home.connected.contracts.Topics;
import home.connected.dynsec.Acl;
import home.connected.dynsec.DynamicSecurityClient;
import home.connected.testing.DevServices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Does what ingest-service and the devices do, for alert-service to see: stores readings in
 * InfluxDB and announces them on the stored topic, and sets devices' retained status. With a
 * broker client of its own (the admin may not publish), deleted on close.
 */
final class StoredAnnouncer implements AutoCloseable {

    private final String name =
            "alert-flow-announcer-" + UUID.randomUUID().toString().substring(0, 8);
    private final MqttAsyncClient client;
    private final InfluxDBClient influx;

    StoredAnnouncer() throws MqttException {
        DevServices services = DevServices.get();
        String password = UUID.randomUUID().toString();
        try (DynamicSecurityClient dynsec = admin()) {
            dynsec.ensureRole(
                    name,
                    List.of(
                            Acl.publishClientSend(Topics.STORED_TREE),
                            Acl.publishClientSend(Topics.ALL_STATUSES),
                            Acl.subscribePattern(Topics.ROOT + "/actions/#")));
            dynsec.ensureClient(name, password, name);
        }
        client = new MqttAsyncClient(services.mqttUrl(), name, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(name);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        client.connect(options).waitForCompletion(10_000);
        influx = InfluxDBClientFactory.create(
                services.influxUrl(),
                services.influxToken().toCharArray(),
                services.influxOrg(),
                services.influxBucket());
    }

    MqttAsyncClient client() {
        return client;
    }

    /** Stores the reading in InfluxDB (as ingest does) and announces it. */
    void stored(String device, String sensor, double value, Instant ts) throws MqttException {
        store(device, sensor, value, ts);
        announce(device, sensor, value, ts);
    }

    /** Stores without announcing: what happens while alert-service is away. */
    void store(String device, String sensor, double value, Instant ts) {
        influx.getWriteApiBlocking()
                .writePoint(Point.measurement("reading")
                        .addTag("device", device)
                        .addTag("sensor", sensor)
                        .addTag("quantity", "temperature")
                        .addTag("location", "kitchen")
                        .addTag("unit", "°C")
                        .addField("value", value)
                        .time(ts, WritePrecision.NS));
    }

    void announce(String device, String sensor, double value, Instant ts) throws MqttException {
        String json = "{\"readings\":[{\"device\":\"" + device + "\",\"sensor\":\"" + sensor
                + "\",\"quantity\":\"temperature\",\"value\":" + value
                + ",\"unit\":\"°C\",\"location\":\"kitchen\",\"source\":\"native\",\"ts\":\"" + ts + "\"}]}";
        publish(Topics.stored(device), json, false);
    }

    void status(String device, String status) throws MqttException {
        publish(Topics.status(device), status, true);
    }

    private void publish(String topic, String payload, boolean retained) throws MqttException {
        IMqttToken token =
                client.publish(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, retained, null));
        token.waitForCompletion(10_000);
        int[] codes = token.getReasonCodes();
        if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
            throw new IllegalStateException("the broker refused the publish: reason " + codes[0]);
        }
    }

    @Override
    public void close() throws Exception {
        influx.close();
        client.disconnect().waitForCompletion(5_000);
        client.close();
        try (DynamicSecurityClient dynsec = admin()) {
            dynsec.deleteClient(name);
            dynsec.deleteRole(name);
        }
    }

    private static DynamicSecurityClient admin() throws MqttException {
        DevServices services = DevServices.get();
        return DynamicSecurityClient.connect(
                services.mqttUrl(),
                services.mqttAdminUser(),
                services.mqttAdminPassword(),
                "alert-flow-admin-" + UUID.randomUUID().toString().substring(0, 6),
                Duration.ofSeconds(10));
    }
}
