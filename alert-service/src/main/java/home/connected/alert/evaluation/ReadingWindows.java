package home.connected.alert.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The time windows a backtest reads its readings in, planned from their count per hour: hours are
 * joined until a window holds about {@code target} readings, so sparse data takes few queries and
 * dense data no more memory than that at a time (but for a single hour holding more).
 */
final class ReadingWindows {

    record Window(Instant from, Instant to) {}

    private static final Duration HOUR = Duration.ofHours(1);

    private ReadingWindows() {}

    /** Windows covering [from, to) without gaps, in time order; none when there is nothing to read. */
    static List<Window> plan(Instant from, Instant to, SortedMap<Instant, Long> perHour, long target) {
        List<Window> windows = new ArrayList<>();
        Instant start = from;
        long held = 0;
        for (Map.Entry<Instant, Long> hour : perHour.entrySet()) {
            held += hour.getValue();
            Instant hourEnd = hour.getKey().plus(HOUR);
            if (held >= target && hourEnd.isBefore(to)) {
                windows.add(new Window(start, hourEnd));
                start = hourEnd;
                held = 0;
            }
        }
        if (held > 0) {
            windows.add(new Window(start, to));
        }
        return windows;
    }
}
