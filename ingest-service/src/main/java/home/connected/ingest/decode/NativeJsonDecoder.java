package home.connected.ingest.decode;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * Our JSON: {@code {"readings":[{"sensor","quantity","value","unit","ts"}], "location"?, "ts"?}} or
 * a single reading object {@code {"sensor","quantity","value",...}}. {@code ts} is ISO-8601 or epoch
 * milliseconds; a reading without one takes the message's {@code ts}, else the receive time.
 * {@code location} may be given per message and overridden per reading.
 */
final class NativeJsonDecoder {

    static final String SOURCE = "json";

    void decode(String deviceId, JsonNode root, Instant receivedAt, ReadingCollector out) {
        String location = Json.optionalString(root, "location", "");
        Instant messageTime = Json.timestamp(root, "ts", receivedAt);
        JsonNode readings = root.get("readings");
        if (readings == null) {
            out.attempt("reading", () -> out.add(reading(deviceId, root, location, messageTime)));
            return;
        }
        if (!readings.isArray()) {
            throw new Refusal(RejectReason.WRONG_TYPE, "readings is not an array");
        }
        if (readings.isEmpty()) {
            throw new Refusal(RejectReason.MISSING_FIELD, "readings is empty");
        }
        for (int i = 0; i < readings.size(); i++) {
            JsonNode item = readings.get(i);
            out.attempt("reading", i, () -> out.add(reading(deviceId, item, location, messageTime)));
        }
    }

    private static Reading reading(String deviceId, JsonNode item, String location, Instant messageTime) {
        if (!item.isObject()) {
            throw new Refusal(RejectReason.WRONG_TYPE, "reading is not an object");
        }
        return new Reading(
                deviceId,
                Json.requiredString(item, "sensor"),
                Json.requiredString(item, "quantity"),
                Json.requiredNumber(item, "value"),
                Json.optionalString(item, "unit", ""),
                Json.timestamp(item, "ts", messageTime),
                Json.optionalString(item, "location", location),
                SOURCE);
    }
}
