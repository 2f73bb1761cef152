package home.connected.ingest.pipeline;

import home.connected.ingest.decode.Reading;
import home.connected.ingest.decode.RejectReason;
import java.time.Instant;

/**
 * Writes a reading as one InfluxDB line-protocol point with nanosecond timestamp: tags device,
 * sensor, quantity, location, source, unit (empty tags are left out); field {@code value}. The
 * same reading always gives the same series and timestamp, so a redelivered message overwrites.
 *
 * <p>The decoders already restrict names; escaping here anyway keeps a bad name from ever
 * becoming a second point or a forged tag.
 */
final class LineProtocol {

    private final String measurement;

    LineProtocol(String measurement) {
        this.measurement = escape(measurement, false);
    }

    /** Appends the point and a newline. @throws Unrepresentable when it cannot be written as a point */
    void append(StringBuilder out, Reading reading) {
        if (!Double.isFinite(reading.value())) {
            throw new Unrepresentable(RejectReason.NOT_FINITE, "value is not finite");
        }
        long nanos = epochNanos(reading.time());
        int start = out.length();
        try {
            out.append(measurement);
            tag(out, "device", reading.deviceId());
            tag(out, "location", reading.location());
            tag(out, "quantity", reading.quantity());
            tag(out, "sensor", reading.sensor());
            tag(out, "source", reading.sourceFormat());
            tag(out, "unit", reading.unit());
        } catch (Unrepresentable e) {
            out.setLength(start);
            throw e;
        }
        out.append(" value=").append(reading.value()).append(' ').append(nanos).append('\n');
    }

    static long epochNanos(Instant time) {
        try {
            return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
        } catch (ArithmeticException e) {
            throw new Unrepresentable(RejectReason.TIMESTAMP_OUT_OF_RANGE, "time is outside InfluxDB's range");
        }
    }

    private static void tag(StringBuilder out, String key, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        out.append(',').append(key).append('=').append(escape(value, true));
    }

    /**
     * Escapes commas and spaces (and {@code =} in tags). Line breaks cannot be escaped at all, and a
     * backslash would escape whatever follows it, so both are refused.
     */
    static String escape(String name, boolean tag) {
        StringBuilder escaped = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\n' || c == '\r' || c == '\\') {
                throw new Unrepresentable(RejectReason.INVALID_NAME, "line break or backslash in a name");
            }
            boolean special = c == ',' || c == ' ' || (tag && c == '=');
            if (special && escaped == null) {
                escaped = new StringBuilder(name.length() + 8).append(name, 0, i);
            }
            if (escaped != null) {
                if (special) {
                    escaped.append('\\');
                }
                escaped.append(c);
            }
        }
        return escaped == null ? name : escaped.toString();
    }

    /** A reading that line protocol cannot carry; the decoders should have refused it already. */
    static final class Unrepresentable extends RuntimeException {

        private final RejectReason reason;

        Unrepresentable(RejectReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }

        RejectReason reason() {
            return reason;
        }
    }
}
