package home.connected.ingest.decode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Device timestamps in the forms the formats use; anything unreadable is refused, never guessed. */
final class Timestamps {

    /** ±10^16 ms is ±300,000 years: beyond that the value is garbage, and Instant would overflow. */
    private static final double MAX_EPOCH_MILLIS = 1e16;

    private Timestamps() {}

    static Instant ofEpochMillis(double millis) {
        if (!(Math.abs(millis) < MAX_EPOCH_MILLIS)) {
            throw new Refusal(RejectReason.TIMESTAMP_OUT_OF_RANGE, "timestamp " + millis + " ms");
        }
        double whole = Math.floor(millis);
        return Instant.ofEpochMilli((long) whole).plusNanos(Math.round((millis - whole) * 1e6));
    }

    static Instant ofEpochSeconds(double seconds) {
        return ofEpochMillis(seconds * 1000);
    }

    static Instant ofEpochNanos(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /**
     * ISO-8601 with {@code Z} or an offset. The common shape ({@code 2026-11-26T20:23:53.123456Z},
     * fraction and offset optional) is read by hand: {@link Instant#parse} costs more than the rest
     * of decoding a reading. Everything else goes to {@link Instant#parse}, which decides.
     */
    static Instant parseIso(String text) {
        Instant common = parseCommonIso(text);
        if (common != null) {
            return common;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new Refusal(RejectReason.MALFORMED, "unreadable timestamp " + Details.quote(text));
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:mm)} with every field in range, else null. */
    static Instant parseCommonIso(String text) {
        int length = text.length();
        if (length < 20
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > 31
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (text.charAt(at) == '.') {
            int start = ++at;
            while (at < length && at - start < 9 && isDigit(text.charAt(at))) {
                nanos = nanos * 10 + (text.charAt(at) - '0');
                at++;
            }
            int fractionDigits = at - start;
            if (fractionDigits == 0 || (at < length && isDigit(text.charAt(at)))) {
                return null;
            }
            nanos *= POWERS_OF_TEN[9 - fractionDigits];
        }
        int offsetSeconds;
        if (at == length - 1 && text.charAt(at) == 'Z') {
            offsetSeconds = 0;
        } else if (at == length - 6
                && (text.charAt(at) == '+' || text.charAt(at) == '-')
                && text.charAt(at + 3) == ':') {
            int offsetHours = digits(text, at + 1, 2);
            int offsetMinutes = digits(text, at + 4, 2);
            if (offsetHours < 0
                    || offsetMinutes < 0
                    || offsetMinutes > 59
                    || offsetHours * 60 + offsetMinutes > 18 * 60) {
                return null;
            }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (text.charAt(at) == '-' ? -1 : 1);
        } else {
            return null;
        }
        long days;
        try {
            days = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null; // 31 April and the like: Instant.parse gives the refusal its message
        }
        return Instant.ofEpochSecond(days * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds, nanos);
    }

    private static final int[] POWERS_OF_TEN = {
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
    };

    /** The number in {@code count} ASCII digits from {@code from}, or -1. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** ISO-8601 local date-time in {@code zone}, or with its own offset when it carries one. */
    static Instant parseLocal(String text, ZoneId zone) {
        try {
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeParseException noLocal) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException e) {
                throw new Refusal(RejectReason.MALFORMED, "unreadable timestamp " + Details.quote(text));
            }
        }
    }
}
