package home.connected.agent.publish;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.DisconnectedBufferOptions;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes one device's readings over MQTT 5, the way every agent does (simulated or real
 * sensors): our JSON on {@code connected-home/v1/devices/{deviceId}/readings} at QoS 1, and the
 * device's presence as a retained {@code online}/{@code offline} on {@code .../status} ({@code offline}
 * is also the last will, so a crash or a lost network shows too). The client reconnects by itself
 * and buffers a bounded number of readings while disconnected; {@code online} is published again on
 * every (re)connect, since the broker may have published the will in between.
 */
public class ReadingPublisher implements AutoCloseable {

    static final String ONLINE = "online";
    static final String OFFLINE = "offline";
    private static final int QOS = 1;
    private static final int BUFFERED_WHILE_DISCONNECTED = 10_000;
    private static final long RETRY_MILLIS = 5_000;
    private static final long SESSION_EXPIRY_SECONDS = 3_600;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ScheduledExecutorService RETRIES = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "mqtt-connect-retry");
        thread.setDaemon(true);
        return thread;
    });
    private static final Logger log = LoggerFactory.getLogger(ReadingPublisher.class);

    private final String deviceId;
    private final String readingsTopic;
    private final String statusTopic;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closed;

    public ReadingPublisher(String brokerUrl, String deviceId, MqttCredentials credentials) {
        this.deviceId = deviceId;
        this.readingsTopic = "connected-home/v1/devices/" + deviceId + "/readings";
        this.statusTopic = "connected-home/v1/devices/" + deviceId + "/status";
        try {
            this.client = new MqttAsyncClient(brokerUrl, "agent-" + deviceId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot create an MQTT client for " + brokerUrl, e);
        }
        this.options = new MqttConnectionOptions();
        if (credentials.username() != null) {
            options.setUserName(credentials.username());
            options.setPassword(
                    credentials.password() == null
                            ? null
                            : credentials.password().getBytes(StandardCharsets.UTF_8));
        }
        // a session that outlives a dropped connection lets Paho resend the QoS 1 readings in flight
        options.setCleanStart(false);
        options.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 30);
        options.setKeepAliveInterval(30);
        options.setWill(statusTopic, retained(OFFLINE));
        DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
        buffer.setBufferEnabled(true);
        buffer.setBufferSize(BUFFERED_WHILE_DISCONNECTED);
        buffer.setDeleteOldestMessages(true);
        client.setBufferOpts(buffer);
        client.setCallback(new Presence());
    }

    public String deviceId() {
        return deviceId;
    }

    /** Starts connecting without waiting; a broker that is not there yet is retried until it is. */
    public void start() {
        connect();
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** Publishes the readings as one message; false when the client could not take it (counted). */
    public boolean publish(List<AgentReading> readings) {
        try {
            client.publish(readingsTopic, json(readings), QOS, false, null, new Counting());
            return true;
        } catch (MqttException | RuntimeException e) {
            failed.incrementAndGet();
            return false;
        }
    }

    public long publishedCount() {
        return published.get();
    }

    public long failedCount() {
        return failed.get();
    }

    /** Says {@code offline} (retained), then disconnects cleanly: no last will on a planned stop. */
    @Override
    public void close() {
        closed = true;
        try {
            if (client.isConnected()) {
                client.publish(statusTopic, retained(OFFLINE)).waitForCompletion(5_000);
                client.disconnect().waitForCompletion(5_000);
            }
        } catch (MqttException e) {
            log.warn(
                    "device {}: clean disconnect failed ({}); the broker publishes the last will",
                    deviceId,
                    e.getMessage());
        } finally {
            closeClient();
        }
    }

    /** Drops the connection the way a crash or power cut does: the broker then publishes the last will. */
    void closeAbruptly() throws MqttException {
        closed = true;
        client.disconnectForcibly(0, 1_000, false);
        closeClient();
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {}

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    log.warn(
                            "device {}: cannot connect ({}), retrying in {} ms",
                            deviceId,
                            cause.getMessage(),
                            RETRY_MILLIS);
                    retryLater();
                }
            });
        } catch (MqttException e) {
            log.warn("device {}: cannot connect ({}), retrying in {} ms", deviceId, e.getMessage(), RETRY_MILLIS);
            retryLater();
        }
    }

    /** Paho reconnects by itself only after a first successful connect; until then we retry. */
    private void retryLater() {
        RETRIES.schedule(this::connect, RETRY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void closeClient() {
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("device {}: close: {}", deviceId, e.getMessage());
        }
    }

    private static byte[] json(List<AgentReading> readings) {
        List<Map<String, Object>> items = readings.stream()
                .map(reading -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("sensor", reading.sensor());
                    item.put("quantity", reading.quantity());
                    item.put("value", reading.value());
                    item.put("unit", reading.unit());
                    item.put("ts", reading.time().toString());
                    return item;
                })
                .toList();
        return JSON.writeValueAsBytes(Map.of("readings", items));
    }

    private static MqttMessage retained(String status) {
        return new MqttMessage(status.getBytes(StandardCharsets.UTF_8), QOS, true, null);
    }

    private final class Counting implements MqttActionListener {
        @Override
        public void onSuccess(IMqttToken token) {
            published.incrementAndGet();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
            failed.incrementAndGet();
        }
    }

    /** Announces {@code online} after every successful (re)connect. */
    private final class Presence implements MqttCallback {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            try {
                client.publish(statusTopic, retained(ONLINE));
                log.info("device {}: {} to {}", deviceId, reconnect ? "reconnected" : "connected", serverUri);
            } catch (MqttException e) {
                log.warn("device {}: cannot publish online: {}", deviceId, e.getMessage());
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (!closed) {
                log.warn("device {}: disconnected: {}", deviceId, response.getReasonString());
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("device {}: {}", deviceId, exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {}

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
