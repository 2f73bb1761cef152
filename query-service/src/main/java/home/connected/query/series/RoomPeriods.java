package home.connected.query.series;

import static home.connected.query.influx.ReadingTags.DEVICE;
import static home.connected.query.influx.ReadingTags.LOCATION;
import static home.connected.query.influx.ReadingTags.QUANTITY;
import static home.connected.query.influx.ReadingTags.SENSOR;

import home.connected.contracts.query.v1.RoomPeriod;
import home.connected.contracts.query.v1.SensorKey;
import home.connected.query.filter.SensorKeys;
import home.connected.query.influx.InfluxQl;
import home.connected.query.influx.TaggedSeries;
import home.connected.query.place.RoomHistory.Stay;
import home.connected.query.rollup.RollUps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The rooms each sensor of a series request was in over the range ({@code Series.rooms}). Where
 * its device had a room, the room history says it. Where it had none, the readings' own location
 * applies: such a stretch is split where the first reading of each further location falls, found
 * with one {@code first(value)} per location (of each part the points are read from: a roll-up gives its
 * window's start), asked for in the same request as the points.
 */
final class RoomPeriods {

    private static final String GROUP_BY = Stream.of(DEVICE, SENSOR, QUANTITY, LOCATION)
            .map(InfluxQl::identifier)
            .collect(Collectors.joining(", ", " GROUP BY ", ""));

    private final Function<Stretch, List<RollUps.Read>> firstReadings;
    private final Instant end;
    private final Map<String, List<Stay>> stays;
    private final Map<Stretch, List<SensorKey>> withoutRoom = new LinkedHashMap<>();

    /** A stretch of time, [start, end). */
    record Stretch(Instant start, Instant end) {

        static Stretch of(Stay stay, Instant rangeEnd) {
            return new Stretch(stay.start(), stay.end() == null ? rangeEnd : stay.end());
        }

        boolean holds(Instant time) {
            return !time.isBefore(start) && time.isBefore(end);
        }
    }

    /**
     * @param firstReadings the parts of a stretch, and where each part's first readings are found
     * @param keys the sensors, by device id
     * @param stays each device's stays over the range, which ends at {@code end}
     */
    RoomPeriods(
            Function<Stretch, List<RollUps.Read>> firstReadings,
            Map<String, List<SensorKey>> keys,
            Map<String, List<Stay>> stays,
            Instant end) {
        this.firstReadings = firstReadings;
        this.end = end;
        this.stays = stays;
        keys.forEach((device, deviceKeys) -> {
            for (Stay stay : stays.get(device)) {
                if (stay.room().isEmpty()) {
                    withoutRoom
                            .computeIfAbsent(Stretch.of(stay, end), stretch -> new ArrayList<>())
                            .addAll(deviceKeys);
                }
            }
        });
    }

    /** The statements that find the locations of the stretches without a room; none when there are none. */
    List<String> statements() {
        List<String> statements = new ArrayList<>(withoutRoom.size());
        withoutRoom.forEach((stretch, keys) -> firstReadings
                .apply(stretch)
                .forEach(read -> statements.add("SELECT "
                        + read.source().first() + " FROM " + read.source().measurement() + " WHERE time >= "
                        + InfluxQl.time(read.start()) + " AND time < " + InfluxQl.time(read.end()) + " AND "
                        + SensorKeys.condition(keys) + GROUP_BY)));
        return statements;
    }

    /** Each sensor's periods, oldest first, from what {@link #statements()} found. */
    Map<SensorKey, List<RoomPeriod>> periods(List<SensorKey> keys, List<List<TaggedSeries>> found) {
        Map<SensorKey, List<TaggedSeries>> locations = new HashMap<>();
        found.forEach(statement -> statement.forEach(series -> locations
                .computeIfAbsent(SensorKeys.keyOf(series), key -> new ArrayList<>())
                .add(series)));
        Map<SensorKey, List<RoomPeriod>> periods = new HashMap<>();
        for (SensorKey key : keys) {
            List<RoomPeriod> rooms = new ArrayList<>();
            for (Stay stay : stays.get(key.getDeviceId())) {
                if (stay.room().isEmpty()) {
                    located(stay, locations.getOrDefault(key, List.of())).forEach(period -> add(rooms, period));
                } else {
                    add(rooms, period(stay.room(), stay.start(), stay.end()));
                }
            }
            periods.put(key, rooms);
        }
        return periods;
    }

    /** A stay without a room: one period per location, from its first reading there (the first from the start). */
    private List<RoomPeriod> located(Stay stay, List<TaggedSeries> locations) {
        Stretch stretch = Stretch.of(stay, end);
        record First(String location, Instant time) {}
        List<First> firsts = locations.stream()
                .filter(series -> !series.points().isEmpty())
                .map(series -> new First(
                        series.tag(LOCATION), instant(series.points().get(0).epochNanos())))
                .filter(first -> stretch.holds(first.time()))
                .sorted(Comparator.comparing(First::time))
                .toList();
        if (firsts.isEmpty()) {
            return List.of(period("", stay.start(), stay.end()));
        }
        List<RoomPeriod> located = new ArrayList<>(firsts.size());
        for (int i = 0; i < firsts.size(); i++) {
            located.add(period(
                    firsts.get(i).location(),
                    i == 0 ? stay.start() : firsts.get(i).time(),
                    i + 1 == firsts.size() ? stay.end() : firsts.get(i + 1).time()));
        }
        return located;
    }

    /** Adds a period, into the one before when that is the same room (a room set, then the same as location). */
    private static void add(List<RoomPeriod> rooms, RoomPeriod period) {
        int last = rooms.size() - 1;
        if (last >= 0 && rooms.get(last).getRoom().equals(period.getRoom())) {
            RoomPeriod.Builder joined = rooms.get(last).toBuilder().clearEnd();
            if (period.hasEnd()) {
                joined.setEnd(period.getEnd());
            }
            rooms.set(last, joined.build());
        } else {
            rooms.add(period);
        }
    }

    private static RoomPeriod period(String room, Instant start, Instant end) {
        RoomPeriod.Builder period = RoomPeriod.newBuilder().setRoom(room).setStart(timestamp(start));
        if (end != null) {
            period.setEnd(timestamp(end));
        }
        return period.build();
    }

    private static com.google.protobuf.Timestamp timestamp(Instant time) {
        return com.google.protobuf.Timestamp.newBuilder()
                .setSeconds(time.getEpochSecond())
                .setNanos(time.getNano())
                .build();
    }

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(0, epochNanos);
    }
}
