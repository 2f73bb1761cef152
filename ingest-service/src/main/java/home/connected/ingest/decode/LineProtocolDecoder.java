package home.connected.ingest.decode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * InfluxDB line protocol, one point per line: {@code measurement[,tag=v...] field=v[,field=v...] [ns]}
 * with the protocol's escapes ({@code \,} {@code \=} {@code \ } in names, {@code \"} {@code \\} in
 * string fields), {@code i}/{@code u} integers, booleans and nanosecond timestamps.
 *
 * <p>Mapping: every numeric or boolean field is one reading. The sensor is tag {@code sensor}, else
 * the measurement; the quantity is the field key, except for a field named {@code value}, whose
 * quantity is tag {@code quantity}, else the measurement. Tags {@code unit} and {@code location}
 * fill unit and location; other tags (a {@code device} tag included: the topic names the device)
 * are ignored. String fields are refused as UNSUPPORTED_VALUE; a line that does not parse is
 * refused as MALFORMED without affecting the other lines.
 */
final class LineProtocolDecoder {

    static final String SOURCE = "line-protocol";

    void decode(String deviceId, String payload, Instant receivedAt, ReadingCollector out) {
        int lineNumber = 0;
        int start = 0;
        while (start <= payload.length()) {
            int end = payload.indexOf('\n', start);
            if (end < 0) {
                end = payload.length();
            }
            String line = payload.substring(start, end).strip();
            lineNumber++;
            if (!line.isEmpty() && line.charAt(0) != '#') {
                out.attempt("line", lineNumber, () -> new Parser(line).readings(deviceId, receivedAt, out));
            }
            start = end + 1;
        }
    }

    /** One field as parsed: a number, or the text of a string field. */
    private record Field(String key, double value, String text) {}

    private static final class Parser {
        private final String line;
        private int pos;

        Parser(String line) {
            this.line = line;
        }

        void readings(String deviceId, Instant receivedAt, ReadingCollector out) {
            String measurement = token(", ", false);
            if (measurement.isEmpty()) {
                throw malformed("no measurement");
            }
            String sensor = measurement;
            String quantity = measurement;
            String unit = "";
            String location = "";
            while (peek() == ',') {
                pos++;
                String key = token(",= ", true);
                expect('=');
                String value = token(", ", true);
                if (key.isEmpty() || value.isEmpty()) {
                    throw malformed("empty tag key or value");
                }
                switch (key) {
                    case "sensor" -> sensor = value;
                    case "quantity" -> quantity = value;
                    case "unit" -> unit = value;
                    case "location" -> location = value;
                    default -> {}
                }
            }
            expect(' ');
            List<Field> fields = fields();
            Instant time = timestamp(receivedAt);
            for (Field field : fields) {
                if (field.text() != null) {
                    out.reject(RejectReason.UNSUPPORTED_VALUE, "field " + Details.quote(field.key()) + " is a string");
                } else {
                    String fieldQuantity = field.key().equals("value") ? quantity : field.key();
                    out.add(new Reading(deviceId, sensor, fieldQuantity, field.value(), unit, time, location, SOURCE));
                }
            }
        }

        private List<Field> fields() {
            List<Field> fields = new ArrayList<>(2);
            while (true) {
                String key = token(",= ", true);
                expect('=');
                if (key.isEmpty()) {
                    throw malformed("empty field key");
                }
                if (peek() == '"') {
                    fields.add(new Field(key, Double.NaN, quoted()));
                } else {
                    int start = pos;
                    while (pos < line.length() && line.charAt(pos) != ',' && line.charAt(pos) != ' ') {
                        pos++;
                    }
                    fields.add(new Field(key, fieldValue(start, pos), null));
                }
                if (peek() != ',') {
                    return fields;
                }
                pos++;
            }
        }

        private double fieldValue(int start, int end) {
            String text = line.substring(start, end);
            switch (text) {
                case "t", "T", "true", "True", "TRUE" -> {
                    return 1;
                }
                case "f", "F", "false", "False", "FALSE" -> {
                    return 0;
                }
                default -> {}
            }
            char last = text.isEmpty() ? 0 : text.charAt(text.length() - 1);
            if ((last == 'i' || last == 'u') && Numbers.isInteger(text, 0, text.length() - 1)) {
                return Double.parseDouble(text.substring(0, text.length() - 1));
            }
            if (Numbers.isDecimal(text, 0, text.length())) {
                return Double.parseDouble(text);
            }
            double special = Numbers.nonFinite(text);
            if (!Double.isNaN(special) || text.equalsIgnoreCase("nan")) {
                return special;
            }
            throw malformed("bad field value " + Details.quote(text));
        }

        private Instant timestamp(Instant receivedAt) {
            if (pos >= line.length()) {
                return receivedAt;
            }
            expect(' ');
            String text = line.substring(pos).strip();
            if (!Numbers.isInteger(text, 0, text.length()) || text.length() > 20) {
                throw malformed("bad timestamp " + Details.quote(text));
            }
            try {
                return Timestamps.ofEpochNanos(Long.parseLong(text));
            } catch (NumberFormatException e) {
                throw new Refusal(RejectReason.TIMESTAMP_OUT_OF_RANGE, "timestamp " + Details.quote(text));
            }
        }

        /** Reads up to an unescaped stop character; {@code \} escapes a stop character or {@code \}. */
        private String token(String stops, boolean escapesEquals) {
            StringBuilder text = null;
            int start = pos;
            while (pos < line.length()) {
                char c = line.charAt(pos);
                if (c == '\\' && pos + 1 < line.length()) {
                    char next = line.charAt(pos + 1);
                    if (next == ',' || next == ' ' || next == '\\' || (escapesEquals && next == '=')) {
                        if (text == null) {
                            text = new StringBuilder().append(line, start, pos);
                        }
                        text.append(next);
                        pos += 2;
                        continue;
                    }
                }
                if (stops.indexOf(c) >= 0) {
                    break;
                }
                if (text != null) {
                    text.append(c);
                }
                pos++;
            }
            return text != null ? text.toString() : line.substring(start, pos);
        }

        private String quoted() {
            pos++;
            StringBuilder text = new StringBuilder();
            while (pos < line.length()) {
                char c = line.charAt(pos++);
                if (c == '"') {
                    return text.toString();
                }
                if (c == '\\' && pos < line.length() && (line.charAt(pos) == '"' || line.charAt(pos) == '\\')) {
                    c = line.charAt(pos++);
                }
                text.append(c);
            }
            throw malformed("unterminated string field");
        }

        private char peek() {
            return pos < line.length() ? line.charAt(pos) : 0;
        }

        private void expect(char c) {
            if (peek() != c) {
                throw malformed("expected '" + (c == ' ' ? "space" : c) + "' at " + pos);
            }
            pos++;
        }

        private Refusal malformed(String detail) {
            return new Refusal(RejectReason.MALFORMED, detail);
        }
    }
}
