package home.connected.query.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import home.connected.query.QueryProperties;
import home.connected.query.influx.TaggedSeries;
import home.connected.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Last values are reused for a few seconds, and never once a reading was stored after they were asked for. */
class RecentLastValuesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final List<TaggedSeries> ANSWER =
            List.of(new TaggedSeries(Map.of("device", "d1"), List.of(new TaggedSeries.TimedValue(1, 21.5))));

    private final MovableClock clock = new MovableClock(NOW);
    private final RecentLastValues recent = new RecentLastValues(properties(Duration.ofSeconds(5)), clock);

    @Test
    void reusesAnAnswerWithinItsTime() {
        recent.keep(recent.find("k"), ANSWER);

        clock.set(NOW.plusMillis(4_999));

        assertThat(recent.find("k").found()).contains(ANSWER);
        assertThat(recent.find("other").found()).isEmpty();
    }

    @Test
    void forgetsAnAnswerOnceItsTimeIsUp() {
        recent.keep(recent.find("k"), ANSWER);

        clock.set(NOW.plusSeconds(5));

        assertThat(recent.find("k").found()).isEmpty();
    }

    @Test
    void forgetsEveryAnswerWhenAReadingIsStored() {
        recent.keep(recent.find("k"), ANSWER);

        recent.readingsStored();

        assertThat(recent.find("k").found()).isEmpty();
    }

    @Test
    void keepsNoAnswerAskedForBeforeAReadingWasStored() {
        RecentLastValues.Lookup asked = recent.find("k");
        recent.readingsStored();

        recent.keep(asked, ANSWER);

        assertThat(recent.find("k").found()).isEmpty();
    }

    @Test
    void keepsNothingWhenTurnedOff() {
        RecentLastValues off = new RecentLastValues(properties(Duration.ZERO), clock);

        off.keep(off.find("k"), ANSWER);

        assertThat(off.find("k").found()).isEmpty();
    }

    private static QueryProperties properties(Duration keepFor) {
        return new QueryProperties(
                null,
                null,
                null,
                null,
                new QueryProperties.Limits(Duration.ofDays(30), 200, 50, Duration.ofDays(400), 500, 5000, 256, keepFor),
                null);
    }
}
