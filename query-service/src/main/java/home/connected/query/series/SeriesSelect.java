package home.connected.query.series;

import static home.connected.query.influx.ReadingTags.DEVICE;
import static home.connected.query.influx.ReadingTags.QUANTITY;
import static home.connected.query.influx.ReadingTags.SENSOR;
import static home.connected.query.influx.ReadingTags.UNIT;
import static home.connected.query.influx.ReadingTags.VALUE_FIELD;

import home.connected.contracts.query.v1.Aggregate;
import home.connected.query.influx.InfluxQl;
import home.connected.query.influx.InfluxReader;
import home.connected.query.influx.ReadingSource;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The SELECT of a series request for one stretch of time: the first {@code max_points} raw points,
 * or one mean/min/max/count (or band) per window, from the raw readings or a roll-up of them. Windows
 * are aligned to the epoch whatever the stretch, so a window a stretch cuts comes back from each side
 * of the cut; {@code weighed} adds each window's number of readings, which puts such halves of a mean
 * together again.
 */
final class SeriesSelect {

    private static final String GROUP_BY_TAGS =
            Stream.of(DEVICE, SENSOR, QUANTITY, UNIT).map(InfluxQl::identifier).collect(Collectors.joining(", "));
    private static final String VALUE = InfluxQl.identifier(VALUE_FIELD);

    private final Aggregate aggregate;
    private final Duration window;
    private final int maxPoints;
    private final boolean weighed;

    /** @param window null for raw points */
    SeriesSelect(Aggregate aggregate, Duration window, int maxPoints, boolean weighed) {
        this.aggregate = aggregate;
        this.window = window;
        this.maxPoints = maxPoints;
        this.weighed = weighed && (aggregate == Aggregate.AGGREGATE_MEAN || aggregate == Aggregate.AGGREGATE_BAND);
    }

    /** The statement over [start, end) for the readings of {@code source} that meet {@code condition}. */
    String over(ReadingSource source, Instant start, Instant end, String condition) {
        String where =
                " WHERE time >= " + InfluxQl.time(start) + " AND time < " + InfluxQl.time(end) + " AND " + condition;
        if (window == null) {
            return "SELECT " + VALUE + " FROM " + source.measurement() + where + " GROUP BY " + GROUP_BY_TAGS
                    + " LIMIT " + maxPoints;
        }
        String functions = switch (aggregate) {
            case AGGREGATE_BAND -> weighed ? source.bandWithReadings() : source.band();
            case AGGREGATE_MIN -> source.min();
            case AGGREGATE_MAX -> source.max();
            case AGGREGATE_COUNT -> source.count();
            default ->
                source.mean()
                        + (weighed ? ", " + source.count() + " AS " + InfluxQl.identifier(InfluxReader.READINGS) : "");
        };
        return "SELECT " + functions + " FROM " + source.measurement() + where + " GROUP BY time("
                + InfluxQl.duration(window) + "), " + GROUP_BY_TAGS + " fill(none)";
    }
}
