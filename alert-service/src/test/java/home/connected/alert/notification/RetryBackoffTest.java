package home.connected.alert.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    private final RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(2), Duration.ofMinutes(5));
    private final Instant now = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void doublesFromTheFirstRetryUpToTheCap() {
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.delayAfter(8)).isEqualTo(Duration.ofSeconds(256));
        assertThat(backoff.delayAfter(9)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.delayAfter(10_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void retryAfterWinsWhenItIsLater() {
        assertThat(backoff.nextAttempt(now, 1, Duration.ofSeconds(30))).isEqualTo(now.plusSeconds(30));
        assertThat(backoff.nextAttempt(now, 1, Duration.ofHours(1))).isEqualTo(now.plusSeconds(3600));
    }

    @Test
    void backoffWinsWhenRetryAfterIsSoonerOrMissing() {
        assertThat(backoff.nextAttempt(now, 3, Duration.ofSeconds(1))).isEqualTo(now.plusSeconds(8));
        assertThat(backoff.nextAttempt(now, 3, null)).isEqualTo(now.plusSeconds(8));
        assertThat(backoff.nextAttempt(now, 3, Duration.ofSeconds(-5))).isEqualTo(now.plusSeconds(8));
    }
}
