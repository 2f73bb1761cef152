package home.connected.auth.device;

import home.connected.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.springframework.stereotype.Component;

/**
 * Online/offline and last-seen per device, from the retained {@code .../{deviceId}/status} topic
 * (payload {@code online} or {@code offline}, the agents' last will). Last-seen is when this
 * service last received a status message for the device.
 */
@Component
class DeviceStatusBoard {

    record Seen(boolean online, Instant at) {}

    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final Clock clock;

    DeviceStatusBoard(BrokerConnection broker, Clock clock) {
        this.clock = clock;
        broker.subscribe(Topics.ALL_STATUSES, this::onStatus);
    }

    Optional<Seen> of(String deviceId) {
        return Optional.ofNullable(seen.get(deviceId));
    }

    private void onStatus(String topic, MqttMessage message) {
        String deviceId = Topics.deviceIdOf(topic);
        String payload = new String(message.getPayload(), StandardCharsets.UTF_8).strip();
        if (payload.isEmpty()) {
            seen.remove(deviceId);
            return;
        }
        seen.put(deviceId, new Seen("online".equalsIgnoreCase(payload), clock.instant()));
    }
}
