package home.connected.ingest.decode;

import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * SenML JSON (RFC 8428). Base fields ({@code bn}, {@code bt}, {@code bu}, {@code bv}) apply to the
 * records that follow until changed. Time {@code bt + t} is epoch seconds, or, when below 2^28,
 * seconds relative to the receive time. {@code vb} becomes 0/1; {@code vs}/{@code vd} (string and
 * data values) are refused as UNSUPPORTED_VALUE.
 *
 * <p>Names: the resolved name {@code bn + n} is split at its last {@code :} or {@code /}. What follows is
 * the quantity, what precedes is the sensor ({@code /} in it becomes {@code -}):
 * {@code urn:dev:mac:b827eb123456:} + {@code temperature} → sensor {@code urn:dev:mac:b827eb123456},
 * quantity {@code temperature}. A name without a separator is the quantity of sensor {@code senml}.
 * SenML units are mapped to ours where they differ ({@code Cel} → °C, {@code %RH}/{@code %EL} → %).
 */
final class SenmlDecoder {

    static final String SOURCE = "senml";
    private static final String DEFAULT_SENSOR = "senml";
    private static final double RELATIVE_LIMIT = 1 << 28;
    private static final Map<String, String> UNITS = Map.of("Cel", "°C", "%RH", "%", "%EL", "%");

    /** The base fields in force, carried from record to record. */
    private static final class Base {
        String name = "";
        double time;
        String unit = "";
        double value;
    }

    void decode(String deviceId, JsonNode records, Instant receivedAt, ReadingCollector out) {
        if (records.isEmpty()) {
            throw new Refusal(RejectReason.MISSING_FIELD, "no SenML records");
        }
        Base base = new Base();
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            out.attempt("record", i, () -> decodeRecord(deviceId, record, base, receivedAt, out));
        }
    }

    private static void decodeRecord(
            String deviceId, JsonNode record, Base base, Instant receivedAt, ReadingCollector out) {
        if (!record.isObject()) {
            throw new Refusal(RejectReason.WRONG_TYPE, "record is not an object");
        }
        base.name = Json.optionalString(record, "bn", base.name);
        base.unit = Json.optionalString(record, "bu", base.unit);
        if (record.has("bt")) {
            base.time = Json.number(record.get("bt"), "bt");
        }
        if (record.has("bv")) {
            base.value = Json.number(record.get("bv"), "bv");
        }
        boolean baseOnly = !record.has("n") && !hasValue(record);
        if (baseOnly) {
            return;
        }
        String name = base.name + Json.optionalString(record, "n", "");
        if (name.isEmpty()) {
            throw new Refusal(RejectReason.MISSING_FIELD, "no name");
        }
        double value = value(record, base);
        double time = base.time + (record.has("t") ? Json.number(record.get("t"), "t") : 0);
        String unit = Json.optionalString(record, "u", base.unit);
        int split = Math.max(name.lastIndexOf(':'), name.lastIndexOf('/'));
        String sensor = split < 0 ? DEFAULT_SENSOR : name.substring(0, split).replace('/', '-');
        out.add(new Reading(
                deviceId,
                sensor,
                name.substring(split + 1),
                value,
                UNITS.getOrDefault(unit, unit),
                instant(time, receivedAt),
                "",
                SOURCE));
    }

    private static boolean hasValue(JsonNode record) {
        return record.has("v") || record.has("vb") || record.has("vs") || record.has("vd") || record.has("s");
    }

    private static double value(JsonNode record, Base base) {
        if (record.has("v")) {
            return base.value + Json.number(record.get("v"), "v");
        }
        if (record.has("vb")) {
            JsonNode flag = record.get("vb");
            if (!flag.isBoolean()) {
                throw new Refusal(RejectReason.WRONG_TYPE, "vb is not a boolean");
            }
            return flag.booleanValue() ? 1 : 0;
        }
        if (record.has("vs") || record.has("vd")) {
            throw new Refusal(RejectReason.UNSUPPORTED_VALUE, "string or data value");
        }
        if (record.has("s")) {
            throw new Refusal(RejectReason.UNSUPPORTED_VALUE, "sum without value");
        }
        throw new Refusal(RejectReason.MISSING_FIELD, "no value");
    }

    private static Instant instant(double seconds, Instant receivedAt) {
        if (Double.isFinite(seconds) && seconds < RELATIVE_LIMIT) {
            return receivedAt.plusNanos(Math.round(seconds * 1e9));
        }
        return Timestamps.ofEpochSeconds(seconds);
    }
}
