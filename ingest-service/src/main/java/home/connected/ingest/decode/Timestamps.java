package home.connected.ingest.decode;

import java.time.DateTimeException;
import java.time.Instant;
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

    /** ISO-8601 with {@code Z} or an offset. */
    static Instant parseIso(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new Refusal(RejectReason.MALFORMED, "unreadable timestamp " + Details.quote(text));
        }
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
