package home.connected.query.series;

import static home.connected.query.influx.ReadingTags.DEVICE;
import static home.connected.query.influx.ReadingTags.QUANTITY;
import static home.connected.query.influx.ReadingTags.SENSOR;
import static home.connected.query.influx.ReadingTags.UNIT;
import static home.connected.query.influx.ReadingTags.VALUE_FIELD;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import home.connected.contracts.query.v1.Aggregate;
import home.connected.contracts.query.v1.GetSeriesRequest;
import home.connected.contracts.query.v1.GetSeriesResponse;
import home.connected.contracts.query.v1.Point;
import home.connected.contracts.query.v1.SensorKey;
import home.connected.contracts.query.v1.Series;
import home.connected.query.QueryProperties;
import home.connected.query.catalogue.SensorCatalogue;
import home.connected.query.filter.SensorKeys;
import home.connected.query.grpc.InvalidArgumentException;
import home.connected.query.influx.InfluxQl;
import home.connected.query.influx.InfluxReader;
import home.connected.query.influx.TaggedSeries;
import home.connected.query.place.DevicePlaces;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Series of named sensors over a time range: raw points (the first {@code max_points}) or one
 * mean/min/max/count (or mean with min and max: the band) per window, at most {@code max_points}
 * per series, all in one query. Each series carries its device's name and room as they are now.
 */
@Component
public class SeriesQueries {

    private static final String GROUP_BY_TAGS =
            Stream.of(DEVICE, SENSOR, QUANTITY, UNIT).map(InfluxQl::identifier).collect(Collectors.joining(", "));
    private static final Map<Aggregate, String> FUNCTIONS = Map.of(
            Aggregate.AGGREGATE_MEAN, "mean",
            Aggregate.AGGREGATE_MIN, "min",
            Aggregate.AGGREGATE_MAX, "max",
            Aggregate.AGGREGATE_COUNT, "count");
    private static final String BAND_FUNCTIONS = "mean(" + InfluxQl.identifier(VALUE_FIELD) + ") AS "
            + InfluxQl.identifier(InfluxReader.BAND_MEAN) + ", min(" + InfluxQl.identifier(VALUE_FIELD) + ") AS "
            + InfluxQl.identifier(InfluxReader.BAND_MIN) + ", max(" + InfluxQl.identifier(VALUE_FIELD) + ") AS "
            + InfluxQl.identifier(InfluxReader.BAND_MAX);

    private final InfluxReader influx;
    private final QueryProperties.Limits limits;
    private final DevicePlaces places;
    private final SensorCatalogue catalogue;

    SeriesQueries(InfluxReader influx, QueryProperties properties, DevicePlaces places, SensorCatalogue catalogue) {
        this.influx = influx;
        this.limits = properties.limits();
        this.places = places;
        this.catalogue = catalogue;
    }

    public GetSeriesResponse get(GetSeriesRequest request) {
        SensorKeys keys =
                SensorKeys.of("sensors", request.getSensorsList(), limits.maxSeriesSensors(), limits.maxNameLength());
        if (!request.hasStart() || !request.hasEnd()) {
            throw new InvalidArgumentException("start and end are required");
        }
        Instant start = instant(request.getStart());
        Instant end = instant(request.getEnd());
        if (!end.isAfter(start)) {
            throw new InvalidArgumentException("end must be after start");
        }
        if (Duration.between(start, end).compareTo(limits.maxSpan()) > 0) {
            throw new InvalidArgumentException("the range from start to end may span at most "
                    + limits.maxSpan().toDays() + " days");
        }
        int maxPoints = maxPoints(request.getMaxPoints());
        Aggregate aggregate = aggregate(request.getAggregate());
        String range = " WHERE time >= " + InfluxQl.time(start) + " AND time < " + InfluxQl.time(end) + " AND "
                + keys.condition();
        Duration window = null;
        String query;
        if (aggregate == Aggregate.AGGREGATE_RAW) {
            query = "SELECT " + InfluxQl.identifier(VALUE_FIELD) + " FROM " + influx.measurement() + range
                    + " GROUP BY " + GROUP_BY_TAGS + " LIMIT " + maxPoints;
        } else {
            window = request.hasWindow()
                    ? SeriesWindow.check(duration(request.getWindow()), start, end, maxPoints)
                    : SeriesWindow.choose(start, end, maxPoints);
            String functions = aggregate == Aggregate.AGGREGATE_BAND
                    ? BAND_FUNCTIONS
                    : FUNCTIONS.get(aggregate) + "(" + InfluxQl.identifier(VALUE_FIELD) + ")";
            query = "SELECT " + functions + " FROM " + influx.measurement() + range + " GROUP BY time("
                    + InfluxQl.duration(window) + "), " + GROUP_BY_TAGS + " fill(none)";
        }
        Map<SensorKey, List<TaggedSeries>> found = new HashMap<>();
        for (TaggedSeries series : influx.select(query)) {
            found.computeIfAbsent(SensorKeys.keyOf(series), key -> new ArrayList<>())
                    .add(series);
        }
        Map<SensorKey, DevicePlaces.Placement> placements = placements(keys.keys());
        GetSeriesResponse.Builder response = GetSeriesResponse.newBuilder();
        for (SensorKey key : keys.keys()) {
            DevicePlaces.Placement placement = placements.get(key);
            Series.Builder series = Series.newBuilder()
                    .setKey(key)
                    .setAggregate(aggregate)
                    .setRoom(placement.room())
                    .setDeviceName(placement.deviceName());
            if (window != null) {
                series.setWindow(Durations.fromMillis(window.toMillis()));
            }
            addPoints(series, found.getOrDefault(key, List.of()), maxPoints);
            response.addSeries(series);
        }
        return response.build();
    }

    /**
     * Each sensor's name and room now: its device's place or, for a device without one, the
     * location of its last reading (looked up only for those).
     */
    private Map<SensorKey, DevicePlaces.Placement> placements(List<SensorKey> keys) {
        List<SensorKey> unplaced =
                keys.stream().filter(key -> !places.has(key.getDeviceId())).toList();
        Map<SensorKey, String> locations = new HashMap<>();
        if (!unplaced.isEmpty()) {
            catalogue.latest(unplaced).forEach(reading -> locations.put(reading.getKey(), reading.getLocation()));
        }
        Map<SensorKey, DevicePlaces.Placement> placements = new HashMap<>();
        for (SensorKey key : keys) {
            placements.put(key, places.of(key.getDeviceId(), locations.getOrDefault(key, "")));
        }
        return placements;
    }

    /**
     * A sensor whose unit changed comes back as one series per unit: their points are merged in
     * time order, and the unit is the one of the newest point.
     */
    private static void addPoints(Series.Builder series, List<TaggedSeries> parts, int maxPoints) {
        List<TaggedSeries.TimedValue> points = new ArrayList<>();
        long newest = Long.MIN_VALUE;
        for (TaggedSeries part : parts) {
            points.addAll(part.points());
            if (!part.points().isEmpty()
                    && part.points().get(part.points().size() - 1).epochNanos() >= newest) {
                newest = part.points().get(part.points().size() - 1).epochNanos();
                series.setUnit(part.tag(UNIT));
            }
        }
        points.stream()
                .sorted(Comparator.comparingLong(TaggedSeries.TimedValue::epochNanos))
                .limit(maxPoints)
                .forEach(point -> series.addPoints(Point.newBuilder()
                        .setTime(Timestamps.fromNanos(point.epochNanos()))
                        .setValue(point.value())
                        .setMin(point.min())
                        .setMax(point.max())));
    }

    // Exact, unlike Timestamps.toNanos (overflows past ±292 years, where get() answers INVALID_ARGUMENT)
    // and Durations.toMillis (drops the sub-millisecond part that SeriesWindow.check refuses).
    private static Instant instant(Timestamp time) {
        return Instant.ofEpochSecond(time.getSeconds(), time.getNanos());
    }

    private static Duration duration(com.google.protobuf.Duration window) {
        return Duration.ofSeconds(window.getSeconds(), window.getNanos());
    }

    private int maxPoints(int requested) {
        if (requested == 0) {
            return limits.defaultMaxPoints();
        }
        if (requested < 0 || requested > limits.maxPoints()) {
            throw new InvalidArgumentException("max_points must be between 1 and " + limits.maxPoints() + ", or 0 for "
                    + limits.defaultMaxPoints());
        }
        return requested;
    }

    private static Aggregate aggregate(Aggregate requested) {
        return switch (requested) {
            case AGGREGATE_UNSPECIFIED -> Aggregate.AGGREGATE_MEAN;
            case AGGREGATE_RAW, AGGREGATE_MEAN, AGGREGATE_MIN, AGGREGATE_MAX, AGGREGATE_COUNT, AGGREGATE_BAND ->
                requested;
            default ->
                throw new InvalidArgumentException("aggregate must be one of AGGREGATE_RAW, AGGREGATE_MEAN,"
                        + " AGGREGATE_MIN, AGGREGATE_MAX, AGGREGATE_COUNT, AGGREGATE_BAND");
        };
    }
}
