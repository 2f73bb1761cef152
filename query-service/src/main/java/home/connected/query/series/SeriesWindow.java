package home.connected.query.series;

import home.connected.query.grpc.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The aggregation window of a series. InfluxDB aligns {@code GROUP BY time(w)} windows to the
 * epoch, so a range covers a window more than its length divided by {@code w} when its start
 * falls inside one; the count here is exact.
 */
final class SeriesWindow {

    /** Windows people read easily; a longer range uses whole days. */
    private static final List<Duration> ROUND = List.of(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofSeconds(15),
            Duration.ofSeconds(30),
            Duration.ofMinutes(1),
            Duration.ofMinutes(2),
            Duration.ofMinutes(5),
            Duration.ofMinutes(10),
            Duration.ofMinutes(15),
            Duration.ofMinutes(30),
            Duration.ofHours(1),
            Duration.ofHours(2),
            Duration.ofHours(3),
            Duration.ofHours(6),
            Duration.ofHours(12),
            Duration.ofDays(1));

    private SeriesWindow() {}

    /** The smallest round window that gives at most {@code maxPoints} windows over [start, end). */
    static Duration choose(Instant start, Instant end, int maxPoints) {
        for (Duration window : ROUND) {
            if (count(start, end, window) <= maxPoints) {
                return window;
            }
        }
        Duration days = Duration.ofDays(Math.max(1, Duration.between(start, end).toDays() / maxPoints));
        while (count(start, end, days) > maxPoints) {
            days = days.plusDays(1);
        }
        return days;
    }

    /** A window the caller gave, if it is usable and fits. */
    static Duration check(Duration window, Instant start, Instant end, int maxPoints) {
        if (window.isNegative() || window.isZero()) {
            throw new InvalidArgumentException("window must be positive, or left out to have it chosen");
        }
        if (window.getNano() % 1_000_000 != 0) {
            throw new InvalidArgumentException("window must be whole milliseconds");
        }
        long windows = count(start, end, window);
        if (windows > maxPoints) {
            throw new InvalidArgumentException("window " + window + " gives " + windows
                    + " points over this range, more than max_points " + maxPoints + "; use a window of at least "
                    + choose(start, end, maxPoints) + " or leave it out");
        }
        return window;
    }

    /** How many epoch-aligned windows [start, end) touches. */
    static long count(Instant start, Instant end, Duration window) {
        long size = window.toMillis();
        long first = Math.floorDiv(start.toEpochMilli(), size);
        long last = Math.floorDiv(end.minusNanos(1).toEpochMilli(), size);
        return last - first + 1;
    }
}
