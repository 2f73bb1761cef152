package home.connected.piagent.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@Tag("fast")
class OccasionalWarningTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
    private final OccasionalWarning warning =
            new OccasionalWarning(LoggerFactory.getLogger(OccasionalWarningTest.class), clock, Duration.ofMinutes(1));

    @Test
    void warnsAtMostOnceAMinute() {
        assertThat(warning.warn("disk full")).isTrue();
        clock.advance(Duration.ofSeconds(59));
        assertThat(warning.warn("disk full")).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(warning.warn("disk full")).isTrue();
        assertThat(warning.warn("disk full")).isFalse();
    }

    @Test
    void aClockSetBackDoesNotSilenceIt() {
        assertThat(warning.warn("disk full")).isTrue();
        clock.advance(Duration.ofHours(-1));
        assertThat(warning.warn("disk full")).isTrue();
    }
}
