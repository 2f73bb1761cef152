package home.connected.agent.publish;

import home.connected.contracts.Topics;
import home.connected.mqtt.MqttConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes one device's readings over MQTT 5, the way every agent does (simulated or real
 * sensors): our JSON on {@link Topics#readings} at QoS 1, and the device's presence as a retained
 * {@code online}/{@code offline} on {@link Topics#status} ({@code offline} is also the last will, so a
 * crash or a lost network shows too). {@link MqttConnection} stays connected, says {@code online}
 * again after every reconnect (the broker may have published the will in between) and keeps a
 * bounded number of readings while disconnected.
 */
public class ReadingPublisher implements AutoCloseable {

    static final String ONLINE = "online";
    static final String OFFLINE = "offline";
    private static final int QOS = 1;
    private static final int BUFFERED_WHILE_DISCONNECTED = 10_000;
    /** A session that outlives a dropped connection lets the readings in flight be sent again. */
    private static final Duration SESSION_EXPIRY = Duration.ofHours(1);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Logger log = LoggerFactory.getLogger(ReadingPublisher.class);

    private final String deviceId;
    private final String readingsTopic;
    private final String statusTopic;
    private final MqttConnection connection;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public ReadingPublisher(String brokerUrl, String deviceId, MqttCredentials credentials) {
        this.deviceId = deviceId;
        this.readingsTopic = Topics.readings(deviceId);
        this.statusTopic = Topics.status(deviceId);
        this.connection = MqttConnection.builder("agent-" + deviceId, brokerUrl, "agent-" + deviceId)
                .credentials(credentials.username(), credentials.password())
                .persistentSession(SESSION_EXPIRY)
                .will(statusTopic, OFFLINE, true)
                .birth(statusTopic, ONLINE, true)
                .offlineBuffer(BUFFERED_WHILE_DISCONNECTED)
                .build();
    }

    public String deviceId() {
        return deviceId;
    }

    public MqttConnection connection() {
        return connection;
    }

    /** Starts connecting without waiting; a broker that is not there yet is retried until it is. */
    public void start() {
        connection.start();
    }

    public boolean isConnected() {
        return connection.connected();
    }

    /**
     * Publishes the readings as one message; false when it could not even be kept for later. The
     * broker's answer is counted: {@link #publishedCount()} or {@link #failedCount()}.
     */
    public boolean publish(List<AgentReading> readings) {
        try {
            connection.publish(readingsTopic, json(readings), QOS, false).whenComplete((delivery, failure) -> {
                if (failure == null && delivery.accepted()) {
                    published.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
            });
            return true;
        } catch (RuntimeException e) {
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
        if (!connection.closeWith(statusTopic, OFFLINE.getBytes(StandardCharsets.UTF_8), true)) {
            log.warn("device {}: offline not published; the broker publishes the last will", deviceId);
        }
    }

    /** Drops the connection the way a crash or power cut does: the broker then publishes the last will. */
    void closeAbruptly() {
        connection.closeAbruptly();
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
}
