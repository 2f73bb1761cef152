package home.connected.alert.stream;

import home.connected.alert.evaluation.StoredReading;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads ingest-service's stored-readings announcement:
 * {@code {"readings":[{"device","sensor","quantity","value","unit","location","source","ts"}]}}.
 * An entry without device, sensor, quantity, a finite numeric value or an ISO-8601 ts is skipped;
 * a payload that is not such JSON gives nothing.
 *
 * <p>Streamed token by token rather than read as a tree: every stored reading of the home passes
 * here, and the tree and {@link Instant#parse}'s formatter cost more than the evaluation itself.
 */
final class StoredReadingsJson {

    /** What one unit of the last fraction digit is worth in nanoseconds, by the number of digits. */
    private static final int[] NANOS_PER_DIGIT = {
        0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
    };

    private final JsonMapper json;

    StoredReadingsJson(JsonMapper json) {
        this.json = json;
    }

    List<StoredReading> parse(byte[] payload) {
        try (JsonParser parser = json.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return List.of();
            }
            List<StoredReading> parsed = new ArrayList<>();
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("readings") && value == JsonToken.START_ARRAY) {
                    readings(parser, parsed);
                } else {
                    parser.skipChildren();
                }
            }
            return parsed;
        } catch (JacksonException e) {
            return List.of();
        }
    }

    private static void readings(JsonParser parser, List<StoredReading> parsed) {
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == JsonToken.START_OBJECT) {
                StoredReading reading = reading(parser);
                if (reading != null) {
                    parsed.add(reading);
                }
            } else {
                parser.skipChildren();
            }
        }
    }

    private static StoredReading reading(JsonParser parser) {
        String device = "";
        String sensor = "";
        String quantity = "";
        String location = "";
        String unit = "";
        double value = Double.NaN;
        Instant ts = null;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if (token == JsonToken.VALUE_STRING) {
                String text = parser.getString();
                switch (name) {
                    case "device" -> device = text;
                    case "sensor" -> sensor = text;
                    case "quantity" -> quantity = text;
                    case "location" -> location = text;
                    case "unit" -> unit = text;
                    case "ts" -> ts = instant(text);
                    default -> {}
                }
            } else if (token.isNumeric() && name.equals("value")) {
                value = parser.getDoubleValue();
            } else {
                parser.skipChildren();
            }
        }
        if (device.isEmpty() || sensor.isEmpty() || quantity.isEmpty() || ts == null || !Double.isFinite(value)) {
            return null;
        }
        return new StoredReading(device, sensor, quantity, location, unit, value, ts);
    }

    /**
     * {@code 2026-12-02T03:16:40.123Z} (what {@link Instant#toString} writes, any number of fraction
     * digits) read directly; anything else through {@link Instant#parse}; null when not a time.
     */
    static Instant instant(String text) {
        int length = text.length();
        if (length >= 20
                && length <= 30
                && text.charAt(4) == '-'
                && text.charAt(7) == '-'
                && text.charAt(10) == 'T'
                && text.charAt(13) == ':'
                && text.charAt(16) == ':'
                && text.charAt(length - 1) == 'Z'
                && (length == 20 || text.charAt(19) == '.' && length > 21)) {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            int nanos = 0;
            if (length > 20) {
                int fraction = digits(text, 20, length - 1);
                nanos = fraction < 0 ? -1 : fraction * NANOS_PER_DIGIT[length - 21];
            }
            if (year >= 0
                    && month >= 0
                    && day >= 0
                    && hour >= 0
                    && hour < 24
                    && minute >= 0
                    && minute < 60
                    && second >= 0
                    && second < 60
                    && nanos >= 0) {
                try {
                    long days = LocalDate.of(year, month, day).toEpochDay();
                    return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
                } catch (DateTimeException e) {
                    return null;
                }
            }
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in text[from, to), or -1 if a character is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
