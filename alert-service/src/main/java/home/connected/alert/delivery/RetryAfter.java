package home.connected.alert.delivery;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** HTTP's Retry-After: delay-seconds or an HTTP-date (RFC 9110, section 10.2.3). */
final class RetryAfter {

    private RetryAfter() {}

    /** Null when the header is missing or unreadable; never negative. */
    static Duration parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            // Some services (Discord) send fractional seconds: wait the full second.
            long seconds =
                    new BigDecimal(value).setScale(0, RoundingMode.CEILING).longValueExact();
            return Duration.ofSeconds(Math.max(0, seconds));
        } catch (NumberFormatException | ArithmeticException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(now, at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
