package home.connected.alert.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChannelRateLimiterTest {

    private final ChannelRateLimiter limiter = new ChannelRateLimiter(Duration.ofMinutes(1));
    private final Instant t0 = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void letsTheLimitThroughWithinAMinuteThenWaitsForTheOldestToLeave() {
        for (int i = 0; i < 3; i++) {
            Instant at = t0.plusSeconds(10L * i);
            assertThat(limiter.nextSlot("a", 3, at)).isEqualTo(at);
            limiter.recordSend("a", at);
        }

        assertThat(limiter.nextSlot("a", 3, t0.plusSeconds(30))).isEqualTo(t0.plusSeconds(60));
        assertThat(limiter.nextSlot("a", 3, t0.plusSeconds(59))).isEqualTo(t0.plusSeconds(60));
        assertThat(limiter.nextSlot("a", 3, t0.plusSeconds(60))).isEqualTo(t0.plusSeconds(60));
    }

    @Test
    void rollingWindowNotFixedMinutes() {
        limiter.recordSend("a", t0);
        limiter.recordSend("a", t0.plusSeconds(50));

        assertThat(limiter.nextSlot("a", 2, t0.plusSeconds(55))).isEqualTo(t0.plusSeconds(60));
        limiter.recordSend("a", t0.plusSeconds(60));
        // Now the sends at 50 s and 60 s are within the minute: the next slot is at 110 s.
        assertThat(limiter.nextSlot("a", 2, t0.plusSeconds(61))).isEqualTo(t0.plusSeconds(110));
    }

    @Test
    void aLoweredLimitWaitsForEnoughSendsToLeave() {
        for (int i = 0; i < 4; i++) {
            limiter.recordSend("a", t0.plusSeconds(i));
        }

        assertThat(limiter.nextSlot("a", 2, t0.plusSeconds(5))).isEqualTo(t0.plusSeconds(62));
    }

    @Test
    void channelsAreLimitedApart() {
        limiter.recordSend("a", t0);

        assertThat(limiter.nextSlot("a", 1, t0.plusSeconds(1))).isEqualTo(t0.plusSeconds(60));
        assertThat(limiter.nextSlot("b", 1, t0.plusSeconds(1))).isEqualTo(t0.plusSeconds(1));
    }
}
