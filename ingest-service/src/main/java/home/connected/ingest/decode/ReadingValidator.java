package home.connected.ingest.decode;

import java.time.Duration;
import java.time.Instant;

/** The checks every reading passes before it is stored, whatever format it came in. */
final class ReadingValidator {

    static final int MAX_UNIT_LENGTH = 16;

    private final Duration maxFuture;
    private final Instant earliest;

    ReadingValidator(DecodeProperties properties) {
        this.maxFuture = properties.maxFuture();
        this.earliest = properties.earliest();
    }

    /** @return why the reading is refused, or null when it may be stored */
    Rejection check(Reading reading, Instant receivedAt) {
        Rejection name = checkName("device", reading.deviceId());
        if (name == null) {
            name = checkName("sensor", reading.sensor());
        }
        if (name == null) {
            name = checkName("quantity", reading.quantity());
        }
        if (name == null && !reading.location().isEmpty()) {
            name = checkName("location", reading.location());
        }
        if (name != null) {
            return name;
        }
        if (!Double.isFinite(reading.value())) {
            return new Rejection(RejectReason.NOT_FINITE, describe(reading) + " value " + reading.value());
        }
        if (!isSafeUnit(reading.unit())) {
            return new Rejection(
                    RejectReason.INVALID_UNIT, describe(reading) + " unit " + Details.quote(reading.unit()));
        }
        Instant time = reading.time();
        if (time.isBefore(earliest) || time.isAfter(receivedAt.plus(maxFuture))) {
            return new Rejection(RejectReason.TIMESTAMP_OUT_OF_RANGE, describe(reading) + " at " + time);
        }
        return null;
    }

    private static Rejection checkName(String what, String name) {
        return Names.isSafe(name) ? null : new Rejection(RejectReason.INVALID_NAME, what + " " + Details.quote(name));
    }

    /** Units are free text (°C, µg/m³) but short, printable and without separators or quotes. */
    private static boolean isSafeUnit(String unit) {
        if (unit.length() > MAX_UNIT_LENGTH) {
            return false;
        }
        for (int i = 0; i < unit.length(); i++) {
            char c = unit.charAt(i);
            if (Character.isISOControl(c)
                    || Character.isWhitespace(c)
                    || Character.isSpaceChar(c)
                    || Character.getType(c) == Character.FORMAT
                    || Character.isSurrogate(c)
                    || c == '"'
                    || c == '\\'
                    || c == ','
                    || c == '='
                    || c == '\'') {
                return false;
            }
        }
        return true;
    }

    private static String describe(Reading reading) {
        return reading.deviceId() + "/" + reading.sensor() + "/" + reading.quantity();
    }
}
