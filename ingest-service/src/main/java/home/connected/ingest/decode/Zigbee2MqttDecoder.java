package home.connected.ingest.decode;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Zigbee2MQTT device state on {@code zigbee2mqtt/{friendly name}}. The friendly name may contain
 * {@code /}; it becomes the device id with {@code /} → {@code -} and space → {@code _} (other unsafe
 * characters are refused by the validator). Every numeric field is a quantity of sensor
 * {@code zigbee} with Zigbee2MQTT's fixed unit; {@code linkquality} is kept (radio health is worth
 * a chart), {@code battery} is a quantity like any other. Booleans ({@code contact},
 * {@code occupancy}, {@code water_leak}) become 0/1. Strings, nulls and nested objects (state,
 * action, update, color) are not readings and are skipped without counting. {@code last_seen} (ISO-8601
 * or epoch ms, per Zigbee2MQTT's setting) is the timestamp when present.
 *
 * <p>The request/echo subtopics {@code {name}/set}, {@code {name}/get} (and deeper) and
 * {@code {name}/availability} carry no readings and are ignored.
 */
final class Zigbee2MqttDecoder implements FormatDecoder {

    static final String SOURCE = "zigbee2mqtt";
    static final String SENSOR = "zigbee";
    private static final Set<String> NOT_READINGS = Set.of("last_seen", "elapsed", "update_available");
    private static final Set<String> IGNORED_SUBTOPICS = Set.of("set", "get", "availability");

    @Override
    public void decode(String topic, String payload, Instant receivedAt, ReadingCollector out) {
        String name = Topics.afterFirstLevel(topic);
        if (isIgnored(name)) {
            return;
        }
        JsonNode state = Json.parse(payload);
        if (!state.isObject()) {
            throw new Refusal(RejectReason.WRONG_TYPE, "state is not an object");
        }
        String deviceId = Names.sanitize(name);
        Instant time = Json.timestamp(state, "last_seen", receivedAt);
        for (Map.Entry<String, JsonNode> field : state.properties()) {
            String quantity = field.getKey();
            JsonNode value = field.getValue();
            if (NOT_READINGS.contains(quantity) || !(value.isNumber() || value.isBoolean())) {
                continue;
            }
            out.attempt(
                    quantity,
                    () -> out.add(new Reading(
                            deviceId,
                            SENSOR,
                            quantity,
                            value.isBoolean() ? (value.booleanValue() ? 1 : 0) : Json.number(value, quantity),
                            Quantities.zigbee2mqttUnit(quantity),
                            time,
                            "",
                            SOURCE)));
        }
    }

    private static boolean isIgnored(String name) {
        String last = name.substring(name.lastIndexOf('/') + 1);
        return IGNORED_SUBTOPICS.contains(last) || name.contains("/set/") || name.contains("/get/");
    }
}
