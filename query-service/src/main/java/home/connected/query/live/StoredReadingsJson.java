package home.connected.query.live;

import home.connected.contracts.query.v1.Reading;
import home.connected.contracts.query.v1.SensorKey;
import home.connected.query.ProtoTime;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads ingest-service's stored-readings message:
 * {@code {"readings":[{"device","sensor","quantity","value","unit","location","source","ts"}]}}.
 * An entry without device, sensor, quantity, a numeric value or an ISO-8601 ts is skipped.
 */
final class StoredReadingsJson {

    private final JsonMapper json;

    StoredReadingsJson(JsonMapper json) {
        this.json = json;
    }

    /** The readings of one message; empty when it is not that format. */
    List<Reading> parse(byte[] payload) {
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (JacksonException e) {
            return List.of();
        }
        JsonNode readings = root.path("readings");
        List<Reading> parsed = new ArrayList<>(readings.size());
        for (JsonNode entry : readings) {
            String device = text(entry, "device");
            String sensor = text(entry, "sensor");
            String quantity = text(entry, "quantity");
            JsonNode value = entry.path("value");
            Instant time = time(text(entry, "ts"));
            if (device.isEmpty() || sensor.isEmpty() || quantity.isEmpty() || !value.isNumber() || time == null) {
                continue;
            }
            parsed.add(Reading.newBuilder()
                    .setKey(SensorKey.newBuilder()
                            .setDeviceId(device)
                            .setSensor(sensor)
                            .setQuantity(quantity))
                    .setLocation(text(entry, "location"))
                    .setUnit(text(entry, "unit"))
                    .setValue(value.doubleValue())
                    .setTime(ProtoTime.timestamp(time))
                    .build());
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
