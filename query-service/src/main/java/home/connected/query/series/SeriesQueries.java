package home.connected.query.series;

import static home.connected.query.influx.ReadingTags.LOCATION;
import static home.connected.query.influx.ReadingTags.UNIT;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import home.connected.contracts.query.v1.Aggregate;
import home.connected.contracts.query.v1.GetSeriesRequest;
import home.connected.contracts.query.v1.GetSeriesResponse;
import home.connected.contracts.query.v1.Point;
import home.connected.contracts.query.v1.Reading;
import home.connected.contracts.query.v1.RoomPeriod;
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
import home.connected.query.place.RoomHistory;
import home.connected.query.rollup.RollUps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Series of named sensors over a time range: raw points (the first {@code max_points}) or one
 * mean/min/max/count (or mean with min and max: the band) per window, at most {@code max_points}
 * per series. Each series carries its device's name and room now and the rooms it was in over the
 * range; with a room asked for, only the points from its time in that room. The points come in
 * up to {@code parallel-requests} requests to InfluxDB at once, each for a part of the sensors;
 * the locations of stretches without a room come with the last part. Windows of whole 5 minutes or hours
 * are read from the roll-ups where they have been computed ({@link RollUps}).
 */
@Component
public class SeriesQueries {

    private final InfluxReader influx;
    private final QueryProperties.Limits limits;
    private final DevicePlaces places;
    private final SensorCatalogue catalogue;
    private final RollUps rollUps;

    SeriesQueries(
            InfluxReader influx,
            QueryProperties properties,
            DevicePlaces places,
            SensorCatalogue catalogue,
            RollUps rollUps) {
        this.influx = influx;
        this.rollUps = rollUps;
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
        InfluxQl.requireUsable("room", request.getRoom(), limits.maxNameLength());
        int maxPoints = maxPoints(request.getMaxPoints());
        Aggregate aggregate = aggregate(request.getAggregate());
        Duration window = aggregate == Aggregate.AGGREGATE_RAW
                ? null
                : request.hasWindow()
                        ? SeriesWindow.check(duration(request.getWindow()), start, end, maxPoints)
                        : SeriesWindow.choose(start, end, maxPoints);
        String room = request.getRoom();
        // a range read in parts (roll-up and raw) gives the windows at a cut twice: their readings join them
        List<RollUps.Read> reads = rollUps.reads(start, end, window);
        SeriesSelect select = new SeriesSelect(aggregate, window, maxPoints, !room.isEmpty() || reads.size() > 1);

        Map<String, List<SensorKey>> byDevice = keys.keys().stream()
                .collect(Collectors.groupingBy(SensorKey::getDeviceId, LinkedHashMap::new, Collectors.toList()));
        Map<String, List<RoomHistory.Stay>> stays = new HashMap<>();
        byDevice.keySet()
                .forEach(device -> stays.put(device, places.rooms(device).during(start, end)));
        RoomPeriods rooms = new RoomPeriods(
                stretch -> rollUps.firstReadings(stretch.start(), stretch.end(), window), byDevice, stays, end);

        // each part of the points in a request of its own, the few other statements with the last part
        List<List<String>> requests = new ArrayList<>();
        if (room.isEmpty()) {
            partsOf(keys.keys(), influx.parallelRequests())
                    .forEach(part -> requests.add(statements(select, reads, SensorKeys.condition(part))));
        } else {
            inRoom(room, byDevice, stays, end)
                    .forEach((stretch, condition) -> requests.add(
                            statements(select, rollUps.reads(stretch.start(), stretch.end(), window), condition)));
        }
        int pointStatements = requests.stream().mapToInt(List::size).sum();
        List<String> others = new ArrayList<>(rooms.statements());
        int roomStatements = pointStatements + others.size();
        // the last readings of sensors whose device has no room now, for their room, in the same request
        List<SensorKey> located = keys.keys().stream()
                .filter(key -> !places.hasRoom(key.getDeviceId()))
                .toList();
        SensorCatalogue.LatestQuery latest = located.isEmpty() ? null : catalogue.latestQuery(located);
        if (latest != null && latest.recent().isEmpty()) {
            others.add(latest.statement());
        }
        if (requests.isEmpty()) {
            requests.add(others);
        } else {
            List<String> last = new ArrayList<>(requests.remove(requests.size() - 1));
            last.addAll(others);
            requests.add(last);
        }
        List<List<TaggedSeries>> found = pointStatements + others.size() == 0
                ? List.of()
                : influx.selectEachAtOnce(
                        requests.stream().filter(part -> !part.isEmpty()).toList());

        Map<SensorKey, List<TaggedSeries>> points = new HashMap<>();
        found.subList(0, pointStatements)
                .forEach(statement -> statement.forEach(
                        series -> points.computeIfAbsent(SensorKeys.keyOf(series), key -> new ArrayList<>())
                                .add(series)));
        Map<SensorKey, List<RoomPeriod>> periods =
                rooms.periods(keys.keys(), found.subList(pointStatements, roomStatements));
        Map<SensorKey, DevicePlaces.Placement> placements = placements(
                keys.keys(),
                latest == null
                        ? List.of()
                        : catalogue.latest(latest, latest.recent().orElseGet(() -> found.get(roomStatements))));
        GetSeriesResponse.Builder response = GetSeriesResponse.newBuilder();
        for (SensorKey key : keys.keys()) {
            DevicePlaces.Placement placement = placements.get(key);
            Series.Builder series = Series.newBuilder()
                    .setKey(key)
                    .setAggregate(aggregate)
                    .setRoom(placement.room())
                    .setDeviceName(placement.deviceName())
                    .addAllRooms(periods.get(key));
            if (window != null) {
                series.setWindow(Durations.fromMillis(window.toMillis()));
            }
            addPoints(series, points.getOrDefault(key, List.of()), aggregate, maxPoints);
            response.addSeries(series);
        }
        return response.build();
    }

    /** The statements for the points of a range: one for each part the roll-ups split it into. */
    private static List<String> statements(SeriesSelect select, List<RollUps.Read> reads, String condition) {
        return reads.stream()
                .map(read -> select.over(read.source(), read.start(), read.end(), condition))
                .toList();
    }

    /** The sensors in at most {@code parts} runs of about the same length, in request order. */
    private static List<List<SensorKey>> partsOf(List<SensorKey> keys, int parts) {
        int count = Math.max(1, Math.min(parts, keys.size()));
        List<List<SensorKey>> runs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            runs.add(keys.subList(i * keys.size() / count, (i + 1) * keys.size() / count));
        }
        return runs;
    }

    /**
     * The stretches of time the sensors spent in the room, each with the condition on the readings
     * of that time: the sensors whose device was given the room then, or (while it had none) whose
     * readings' location is the room.
     */
    private static Map<RoomPeriods.Stretch, String> inRoom(
            String room,
            Map<String, List<SensorKey>> byDevice,
            Map<String, List<RoomHistory.Stay>> stays,
            Instant end) {
        Map<RoomPeriods.Stretch, List<SensorKey>> given = new LinkedHashMap<>();
        Map<RoomPeriods.Stretch, List<SensorKey>> located = new LinkedHashMap<>();
        byDevice.forEach((device, keys) -> {
            for (RoomHistory.Stay stay : stays.get(device)) {
                Map<RoomPeriods.Stretch, List<SensorKey>> into =
                        stay.room().equals(room) ? given : stay.room().isEmpty() ? located : null;
                if (into != null) {
                    into.computeIfAbsent(RoomPeriods.Stretch.of(stay, end), stretch -> new ArrayList<>())
                            .addAll(keys);
                }
            }
        });
        Map<RoomPeriods.Stretch, String> conditions = new LinkedHashMap<>();
        given.forEach((stretch, keys) -> conditions.put(stretch, SensorKeys.condition(keys)));
        located.forEach((stretch, keys) -> conditions.merge(
                stretch,
                SensorKeys.condition(keys) + " AND " + InfluxQl.equalsCondition(LOCATION, room),
                (a, b) -> "((" + a + ") OR (" + b + "))"));
        return conditions;
    }

    /**
     * Each sensor's name and room now: its device's place or, for a device without a room now, the
     * location of its last reading.
     */
    private Map<SensorKey, DevicePlaces.Placement> placements(List<SensorKey> keys, List<Reading> lastOfLocated) {
        Map<SensorKey, DevicePlaces.Placement> placements = new HashMap<>();
        lastOfLocated.forEach(reading -> placements.put(
                reading.getKey(), new DevicePlaces.Placement(reading.getDeviceName(), reading.getRoom())));
        for (SensorKey key : keys) {
            placements.computeIfAbsent(key, k -> places.of(k.getDeviceId(), ""));
        }
        return placements;
    }

    /**
     * A sensor whose unit changed comes back as one series per unit: their points are merged in
     * time order, and the unit is the one of the newest point. Points of one unit from several
     * stretches at the same time (a window cut by a move) become one.
     */
    private static void addPoints(Series.Builder series, List<TaggedSeries> parts, Aggregate aggregate, int maxPoints) {
        Map<String, List<TaggedSeries.TimedValue>> byUnit = new HashMap<>();
        long newest = Long.MIN_VALUE;
        for (TaggedSeries part : parts) {
            byUnit.computeIfAbsent(part.tag(UNIT), unit -> new ArrayList<>()).addAll(part.points());
            if (!part.points().isEmpty()
                    && part.points().get(part.points().size() - 1).epochNanos() >= newest) {
                newest = part.points().get(part.points().size() - 1).epochNanos();
                series.setUnit(part.tag(UNIT));
            }
        }
        List<TaggedSeries.TimedValue> points = new ArrayList<>();
        byUnit.values().forEach(same -> points.addAll(CutWindows.joined(same, aggregate)));
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
