package home.connected.query.series;

import home.connected.contracts.query.v1.Aggregate;
import home.connected.query.influx.TaggedSeries.TimedValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Puts windows together again that a room change cut in two: each stretch's statement gives the
 * window once, both under the window's (epoch-aligned) start. Means are weighed by their readings
 * ({@link SeriesSelect}'s {@code weighed}); raw points are never joined.
 */
final class CutWindows {

    private CutWindows() {}

    /** The points of one sensor and unit, one per time. */
    static List<TimedValue> joined(List<TimedValue> points, Aggregate aggregate) {
        if (aggregate == Aggregate.AGGREGATE_RAW || points.size() < 2) {
            return points;
        }
        List<TimedValue> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingLong(TimedValue::epochNanos));
        List<TimedValue> joined = new ArrayList<>(sorted.size());
        for (TimedValue point : sorted) {
            int last = joined.size() - 1;
            if (last >= 0 && joined.get(last).epochNanos() == point.epochNanos()) {
                joined.set(last, join(joined.get(last), point, aggregate));
            } else {
                joined.add(point);
            }
        }
        return joined;
    }

    private static TimedValue join(TimedValue a, TimedValue b, Aggregate aggregate) {
        long readings = a.readings() + b.readings();
        return switch (aggregate) {
            case AGGREGATE_MIN -> new TimedValue(a.epochNanos(), Math.min(a.value(), b.value()));
            case AGGREGATE_MAX -> new TimedValue(a.epochNanos(), Math.max(a.value(), b.value()));
            case AGGREGATE_COUNT -> new TimedValue(a.epochNanos(), a.value() + b.value());
            case AGGREGATE_BAND ->
                new TimedValue(
                        a.epochNanos(),
                        weighedMean(a, b),
                        Math.min(a.min(), b.min()),
                        Math.max(a.max(), b.max()),
                        readings);
            default -> new TimedValue(a.epochNanos(), weighedMean(a, b), 0, 0, readings);
        };
    }

    private static double weighedMean(TimedValue a, TimedValue b) {
        long readings = a.readings() + b.readings();
        return readings == 0
                ? (a.value() + b.value()) / 2
                : (a.value() * a.readings() + b.value() * b.readings()) / readings;
    }
}
