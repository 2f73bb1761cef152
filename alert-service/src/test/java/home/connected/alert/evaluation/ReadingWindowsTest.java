package home.connected.alert.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import home.connected.alert.evaluation.ReadingWindows.Window;
import java.time.Instant;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ReadingWindowsTest {

    private static final Instant FROM = Instant.parse("2026-12-01T10:20:00Z");
    private static final Instant TO = Instant.parse("2026-12-01T16:20:00Z");

    @Test
    void hoursAreJoinedUntilAWindowHoldsTheTarget() {
        TreeMap<Instant, Long> perHour = new TreeMap<>();
        perHour.put(Instant.parse("2026-12-01T10:00:00Z"), 30L);
        perHour.put(Instant.parse("2026-12-01T11:00:00Z"), 30L);
        perHour.put(Instant.parse("2026-12-01T13:00:00Z"), 100L);
        perHour.put(Instant.parse("2026-12-01T16:00:00Z"), 5L);

        assertThat(ReadingWindows.plan(FROM, TO, perHour, 50))
                .containsExactly(
                        new Window(FROM, Instant.parse("2026-12-01T12:00:00Z")),
                        new Window(Instant.parse("2026-12-01T12:00:00Z"), Instant.parse("2026-12-01T14:00:00Z")),
                        new Window(Instant.parse("2026-12-01T14:00:00Z"), TO));
    }

    @Test
    void sparseReadingsAreOneWindowAndNoneAreNone() {
        TreeMap<Instant, Long> perHour = new TreeMap<>();
        perHour.put(Instant.parse("2026-12-01T12:00:00Z"), 10L);

        assertThat(ReadingWindows.plan(FROM, TO, perHour, 50)).containsExactly(new Window(FROM, TO));
        assertThat(ReadingWindows.plan(FROM, TO, new TreeMap<>(), 50)).isEmpty();
    }

    @Test
    void aFullLastHourStillEndsAtTheEnd() {
        TreeMap<Instant, Long> perHour = new TreeMap<>();
        perHour.put(Instant.parse("2026-12-01T16:00:00Z"), 80L);

        assertThat(ReadingWindows.plan(FROM, TO, perHour, 50)).containsExactly(new Window(FROM, TO));
    }
}
