package home.connected.query.live;

import static java.time.Instant.EPOCH;
import static java.time.temporal.ChronoUnit.NANOS;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import home.connected.contracts.query.v1.Reading;
import home.connected.contracts.query.v1.SensorKey;
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
            Timestamp time = time(text(entry, "ts"));
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
                    .setTime(time)
                    .build());
        }
        return parsed;
    }

    private static String text(JsonNode entry, String field) {
        JsonNode node = entry.path(field);
        return node.isString() ? node.stringValue() : "";
    }

    private static Timestamp time(String text) {
        try {
            return text.isEmpty() ? null : Timestamps.fromNanos(NANOS.between(EPOCH, Instant.parse(text)));
        } catch (DateTimeParseException | ArithmeticException e) {
            // ArithmeticException: outside epoch nanoseconds (years 1677 to 2262), which InfluxDB cannot have stored
            return null;
        }
    }
}
