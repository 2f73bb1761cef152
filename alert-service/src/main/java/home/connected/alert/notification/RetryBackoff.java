package home.connected.alert.notification;

import java.time.Duration;
import java.time.Instant;

/**
 * When to try a failed notification again: the first retry after {@code firstRetry}, each next
 * one after twice the previous wait, never more than {@code maxRetry}; never sooner than the
 * receiver asked (Retry-After).
 */
record RetryBackoff(Duration firstRetry, Duration maxRetry) {

    /** @param attempts the attempts made so far, the failed one included (1 after the first) */
    Duration delayAfter(int attempts) {
        Duration delay = firstRetry;
        for (int i = 1; i < attempts && delay.compareTo(maxRetry) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetry) > 0 ? maxRetry : delay;
    }

    /** @param retryAfter what the receiver asked for, or null */
    Instant nextAttempt(Instant now, int attempts, Duration retryAfter) {
        Instant byBackoff = now.plus(delayAfter(attempts));
        if (retryAfter == null || retryAfter.isNegative()) {
            return byBackoff;
        }
        Instant asked = now.plus(retryAfter);
        return asked.isAfter(byBackoff) ? asked : byBackoff;
    }
}
