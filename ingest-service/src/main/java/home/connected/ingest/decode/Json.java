package home.connected.ingest.decode;

import java.time.Instant;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared, thread-safe JSON reader of all JSON formats and the typed field access they share.
 * {@code NaN}/{@code Infinity} literals (which Python's json module writes) are read, so they are
 * refused per reading as NOT_FINITE instead of spoiling the whole message.
 */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private Json() {}

    /** @throws Refusal MALFORMED when the text is not one JSON document (depth and number length are bounded) */
    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new Refusal(RejectReason.MALFORMED, "not JSON: " + firstLine(e.getOriginalMessage()));
        }
    }

    static String requiredString(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            throw new Refusal(RejectReason.MISSING_FIELD, "no " + field);
        }
        return string(node, field);
    }

    static String optionalString(JsonNode object, String field, String absent) {
        JsonNode node = object.get(field);
        return node == null || node.isNull() ? absent : string(node, field);
    }

    static double requiredNumber(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            throw new Refusal(RejectReason.MISSING_FIELD, "no " + field);
        }
        return number(node, field);
    }

    static double number(JsonNode node, String field) {
        if (!node.isNumber()) {
            throw new Refusal(RejectReason.WRONG_TYPE, field + " is " + typeOf(node));
        }
        // numberValue() keeps huge integers as BigInteger: doubleValue() then turns them into Infinity
        return node.numberValue().doubleValue();
    }

    /** A timestamp given as ISO-8601 text or epoch milliseconds; {@code absent} when not there. */
    static Instant timestamp(JsonNode object, String field, Instant absent) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (node.isNumber()) {
            return Timestamps.ofEpochMillis(node.numberValue().doubleValue());
        }
        if (node.isString()) {
            return Timestamps.parseIso(node.stringValue());
        }
        throw new Refusal(RejectReason.WRONG_TYPE, field + " is " + typeOf(node));
    }

    private static String string(JsonNode node, String field) {
        if (!node.isString()) {
            throw new Refusal(RejectReason.WRONG_TYPE, field + " is " + typeOf(node));
        }
        return node.stringValue();
    }

    private static String typeOf(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return Details.quote(newline < 0 ? message : message.substring(0, newline));
    }
}
