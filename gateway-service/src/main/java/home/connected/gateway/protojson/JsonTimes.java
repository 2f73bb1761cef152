package home.connected.gateway.protojson;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Timestamp and Duration as {@code Timestamps.toString} and {@code Durations.toString} write them. */
final class JsonTimes {

    private static final long TIMESTAMP_MIN_SECONDS = -62_135_596_800L; // 0001-01-01T00:00:00Z
    private static final long TIMESTAMP_MAX_SECONDS = 253_402_300_799L; // 9999-12-31T23:59:59Z
    private static final long DURATION_MAX_SECONDS = 315_576_000_000L;
    private static final int NANOS_PER_SECOND = 1_000_000_000;

    private JsonTimes() {}

    static void appendTimestamp(JsonOut out, long seconds, int nanos) {
        if (seconds < TIMESTAMP_MIN_SECONDS
                || seconds > TIMESTAMP_MAX_SECONDS
                || nanos < 0
                || nanos >= NANOS_PER_SECOND) {
            throw new NotPrintedHere("an invalid Timestamp");
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        out.append('"');
        digits(out, time.getYear(), 4);
        out.append('-');
        digits(out, time.getMonthValue(), 2);
        out.append('-');
        digits(out, time.getDayOfMonth(), 2);
        out.append('T');
        digits(out, time.getHour(), 2);
        out.append(':');
        digits(out, time.getMinute(), 2);
        out.append(':');
        digits(out, time.getSecond(), 2);
        if (nanos != 0) {
            out.append('.');
            appendNanos(out, nanos);
        }
        out.append("Z\"");
    }

    static void appendDuration(JsonOut out, long seconds, int nanos) {
        if (seconds < -DURATION_MAX_SECONDS
                || seconds > DURATION_MAX_SECONDS
                || nanos <= -NANOS_PER_SECOND
                || nanos >= NANOS_PER_SECOND
                || (seconds < 0 && nanos > 0)
                || (seconds > 0 && nanos < 0)) {
            throw new NotPrintedHere("an invalid Duration");
        }
        out.append('"');
        if (seconds < 0 || nanos < 0) {
            out.append('-');
            seconds = -seconds;
            nanos = -nanos;
        }
        out.append(seconds);
        if (nanos != 0) {
            out.append('.');
            appendNanos(out, nanos);
        }
        out.append("s\"");
    }

    /** 3, 6 or 9 digits: as few as show the value exactly. */
    private static void appendNanos(JsonOut out, int nanos) {
        if (nanos % 1_000_000 == 0) {
            digits(out, nanos / 1_000_000, 3);
        } else if (nanos % 1_000 == 0) {
            digits(out, nanos / 1_000, 6);
        } else {
            digits(out, nanos, 9);
        }
    }

    private static void digits(JsonOut out, int value, int width) {
        int divisor = 1;
        for (int i = 1; i < width; i++) {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10) {
            out.append((char) ('0' + value / divisor % 10));
        }
    }
}
