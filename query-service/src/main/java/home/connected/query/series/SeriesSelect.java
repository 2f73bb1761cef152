package home.connected.query.series;

import static home.connected.query.influx.ReadingTags.DEVICE;
import static home.connected.query.influx.ReadingTags.QUANTITY;
import static home.connected.query.influx.ReadingTags.SENSOR;
import static home.connected.query.influx.ReadingTags.UNIT;
import static home.connected.query.influx.ReadingTags.VALUE_FIELD;

import home.connected.contracts.query.v1.Aggregate;
import home.connected.query.influx.InfluxQl;
import home.connected.query.influx.InfluxReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The SELECT of a series request for one stretch of time: the first {@code max_points} raw points,
 * or one mean/min/max/count (or band) per window. Windows are aligned to the epoch whatever the
 * stretch, so a window a stretch cuts comes back from each side of the cut; {@code weighed} adds
 * each window's number of readings, which puts such halves of a mean together again.
 */
final class SeriesSelect {

    private static final String GROUP_BY_TAGS =
            Stream.of(DEVICE, SENSOR, QUANTITY, UNIT).map(InfluxQl::identifier).collect(Collectors.joining(", "));
    private static final Map<Aggregate, String> FUNCTIONS = Map.of(
            Aggregate.AGGREGATE_MEAN, "mean",
            Aggregate.AGGREGATE_MIN, "min",
            Aggregate.AGGREGATE_MAX, "max",
            Aggregate.AGGREGATE_COUNT, "count");
    private static final String VALUE = InfluxQl.identifier(VALUE_FIELD);
    private static final String BAND_FUNCTIONS = "mean(" + VALUE + ") AS " + InfluxQl.identifier(InfluxReader.BAND_MEAN)
            + ", min(" + VALUE + ") AS " + InfluxQl.identifier(InfluxReader.BAND_MIN) + ", max(" + VALUE + ") AS "
            + InfluxQl.identifier(InfluxReader.BAND_MAX);
    private static final String READINGS = ", count(" + VALUE + ") AS " + InfluxQl.identifier(InfluxReader.READINGS);

    private final String measurement;
    private final Aggregate aggregate;
    private final Duration window;
    private final int maxPoints;
    private final boolean weighed;

    /** @param window null for raw points */
    SeriesSelect(String measurement, Aggregate aggregate, Duration window, int maxPoints, boolean weighed) {
        this.measurement = measurement;
        this.aggregate = aggregate;
        this.window = window;
        this.maxPoints = maxPoints;
        this.weighed = weighed && (aggregate == Aggregate.AGGREGATE_MEAN || aggregate == Aggregate.AGGREGATE_BAND);
    }

    /** The statement over [start, end) for the readings that meet {@code condition}. */
    String over(Instant start, Instant end, String condition) {
        String where =
                " WHERE time >= " + InfluxQl.time(start) + " AND time < " + InfluxQl.time(end) + " AND " + condition;
        if (window == null) {
            return "SELECT " + VALUE + " FROM " + measurement + where + " GROUP BY " + GROUP_BY_TAGS + " LIMIT "
                    + maxPoints;
        }
        String functions =
                aggregate == Aggregate.AGGREGATE_BAND ? BAND_FUNCTIONS : FUNCTIONS.get(aggregate) + "(" + VALUE + ")";
        return "SELECT " + functions + (weighed ? READINGS : "") + " FROM " + measurement + where + " GROUP BY time("
                + InfluxQl.duration(window) + "), " + GROUP_BY_TAGS + " fill(none)";
    }
}
