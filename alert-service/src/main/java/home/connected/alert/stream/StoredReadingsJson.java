package home.connected.alert.stream;

import home.connected.alert.evaluation.StoredReading;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads ingest-service's stored-readings announcement:
 * {@code {"readings":[{"device","sensor","quantity","value","unit","location","source","ts"}]}}.
 * An entry without device, sensor, quantity, a finite numeric value or an ISO-8601 ts is skipped.
 */
final class StoredReadingsJson {

    private final JsonMapper json;

    StoredReadingsJson(JsonMapper json) {
        this.json = json;
    }

    List<StoredReading> parse(byte[] payload) {
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (JacksonException e) {
            return List.of();
        }
        JsonNode readings = root.path("readings");
        List<StoredReading> parsed = new ArrayList<>(readings.size());
        for (JsonNode entry : readings) {
            String device = text(entry, "device");
            String sensor = text(entry, "sensor");
            String quantity = text(entry, "quantity");
            JsonNode value = entry.path("value");
            Instant ts = time(text(entry, "ts"));
            if (device.isEmpty()
                    || sensor.isEmpty()
                    || quantity.isEmpty()
                    || !value.isNumber()
                    || ts == null
                    || !Double.isFinite(value.doubleValue())) {
                continue;
            }
            parsed.add(new StoredReading(
                    device, sensor, quantity, text(entry, "location"), text(entry, "unit"), value.doubleValue(), ts));
        }
        return parsed;
    }

    private static String text(JsonNode entry, String field) {
        JsonNode node = entry.path(field);
        return node.isString() ? node.stringValue() : "";
    }

    private static Instant time(String text) {
        try {
            return text.isEmpty() ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
