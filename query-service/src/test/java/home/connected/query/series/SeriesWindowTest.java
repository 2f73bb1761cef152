package home.connected.query.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SeriesWindowTest {

    private static final Instant MIDNIGHT = Instant.parse("2026-11-20T00:00:00Z");

    @Test
    void countsEpochAlignedWindows() {
        assertThat(SeriesWindow.count(MIDNIGHT, MIDNIGHT.plus(Duration.ofHours(24)), Duration.ofMinutes(5)))
                .isEqualTo(288);
        assertThat(SeriesWindow.count(
                        MIDNIGHT.plusSeconds(60),
                        MIDNIGHT.plus(Duration.ofHours(24)).plusSeconds(60),
                        Duration.ofMinutes(5)))
                .isEqualTo(289);
        assertThat(SeriesWindow.count(MIDNIGHT, MIDNIGHT.plusNanos(1), Duration.ofDays(1)))
                .isEqualTo(1);
    }

    @Test
    void choosesTheSmallestRoundWindowWithinMaxPoints() {
        Instant dayLater = MIDNIGHT.plus(Duration.ofHours(24));
        assertThat(SeriesWindow.choose(MIDNIGHT, dayLater, 500)).isEqualTo(Duration.ofMinutes(5));
        assertThat(SeriesWindow.choose(MIDNIGHT, dayLater, 5000)).isEqualTo(Duration.ofSeconds(30));
        assertThat(SeriesWindow.choose(MIDNIGHT, MIDNIGHT.plusSeconds(10), 500)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void staysWithinMaxPointsForLongRangesAndTinyLimits() {
        Instant start = MIDNIGHT.plusSeconds(7);
        for (int maxPoints : new int[] {1, 2, 3, 7, 100, 499, 5000}) {
            for (Duration span : new Duration[] {Duration.ofHours(1), Duration.ofDays(30), Duration.ofDays(400)}) {
                Duration window = SeriesWindow.choose(start, start.plus(span), maxPoints);
                assertThat(SeriesWindow.count(start, start.plus(span), window))
                        .as("%s over %s", maxPoints, span)
                        .isLessThanOrEqualTo(maxPoints);
            }
        }
    }
}
