package home.connected.query.catalogue;

import static home.connected.query.influx.ReadingTags.DEVICE;
import static home.connected.query.influx.ReadingTags.LOCATION;
import static home.connected.query.influx.ReadingTags.QUANTITY;
import static home.connected.query.influx.ReadingTags.SENSOR;
import static home.connected.query.influx.ReadingTags.SOURCE;
import static home.connected.query.influx.ReadingTags.UNIT;
import static home.connected.query.influx.ReadingTags.VALUE_FIELD;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import home.connected.contracts.query.v1.DeviceStatusChange;
import home.connected.contracts.query.v1.Reading;
import home.connected.contracts.query.v1.ReadingFilter;
import home.connected.contracts.query.v1.Sensor;
import home.connected.contracts.query.v1.SensorKey;
import home.connected.query.QueryProperties;
import home.connected.query.filter.SensorFilter;
import home.connected.query.filter.SensorKeys;
import home.connected.query.influx.InfluxQl;
import home.connected.query.influx.InfluxReader;
import home.connected.query.influx.TaggedSeries;
import home.connected.query.place.DevicePlaces;
import home.connected.query.place.RoomHistory;
import home.connected.query.status.DeviceStatuses;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The sensors seen within the catalogue window with their last value, and the last values of
 * named sensors. A sensor that moved (new location, unit or source) is listed once, as last seen,
 * with its device's name and room now.
 */
@Component
public class SensorCatalogue {

    private static final String GROUP_BY = Stream.of(DEVICE, SENSOR, QUANTITY, LOCATION, UNIT, SOURCE)
            .map(InfluxQl::identifier)
            .collect(Collectors.joining(", ", " GROUP BY ", ""));

    private final InfluxReader influx;
    private final QueryProperties.Limits limits;
    private final DevicePlaces places;
    private final DeviceStatuses statuses;
    private final RecentLastValues recent;
    private final Clock clock;

    SensorCatalogue(
            InfluxReader influx,
            QueryProperties properties,
            DevicePlaces places,
            DeviceStatuses statuses,
            RecentLastValues recent,
            Clock clock) {
        this.influx = influx;
        this.recent = recent;
        this.limits = properties.limits();
        this.places = places;
        this.statuses = statuses;
        this.clock = clock;
    }

    /**
     * The sensors matching the filter, each as last seen. With a room: those in it now and those
     * that were in it at any time within the catalogue window.
     */
    public List<Sensor> list(ReadingFilter request) {
        SensorFilter filter = SensorFilter.of(request, limits.maxNameLength());
        Instant now = clock.instant();
        Instant from = now.minus(limits.catalogueWindow());
        List<Sensor> listed = new ArrayList<>();
        for (List<Sensor> seen : lastValues(filter.tagConditions(), from).values()) {
            Sensor sensor = placed(newest(seen));
            if (filter.matchesPlace(
                    sensor.getKey().getDeviceId(),
                    sensor.getKey().getSensor(),
                    sensor.getKey().getQuantity(),
                    sensor.getLocation(),
                    sensor.getRoom(),
                    sensor.getDeviceName(),
                    room -> wasIn(room, seen, from, now))) {
                listed.add(sensor);
            }
        }
        listed.sort(Comparator.comparing((Sensor s) -> s.getKey().getDeviceId())
                .thenComparing(s -> s.getKey().getSensor())
                .thenComparing(s -> s.getKey().getQuantity()));
        return listed;
    }

    /** The last reading of each named sensor that has one within the catalogue window, in request order. */
    public List<Reading> latest(List<SensorKey> requested) {
        LatestQuery query = latestQuery(requested);
        return latest(query, query.recent().orElseGet(() -> influx.select(query.statement())));
    }

    /**
     * The InfluxQL statement that finds the last readings of the named sensors, for a caller that sends it
     * together with its own statements unless {@link LatestQuery#recent()} already holds its answer;
     * {@link #latest(LatestQuery, List)} reads its series.
     */
    public LatestQuery latestQuery(List<SensorKey> requested) {
        SensorKeys keys = SensorKeys.of("sensors", requested, limits.maxLatestSensors(), limits.maxNameLength());
        List<String> conditions = List.of(keys.condition());
        RecentLastValues.Lookup lookup = recent.find(String.join(" AND ", conditions));
        return new LatestQuery(
                keys.keys(), lastValuesStatement(conditions, clock.instant().minus(limits.catalogueWindow())), lookup);
    }

    /** The last readings of the query's sensors from its statement's series, in request order. */
    public List<Reading> latest(LatestQuery query, List<TaggedSeries> found) {
        if (query.lookup().found().isEmpty()) {
            recent.keep(query.lookup(), found);
        }
        Map<SensorKey, List<Sensor>> seen = lastValues(found);
        List<Reading> readings = new ArrayList<>();
        for (SensorKey key : query.keys()) {
            List<Sensor> sensors = seen.get(key);
            if (sensors != null) {
                Sensor sensor = placed(newest(sensors));
                readings.add(Reading.newBuilder()
                        .setKey(key)
                        .setLocation(sensor.getLocation())
                        .setUnit(sensor.getUnit())
                        .setValue(sensor.getLastValue())
                        .setTime(sensor.getLastSeen())
                        .setRoom(sensor.getRoom())
                        .setDeviceName(sensor.getDeviceName())
                        .build());
            }
        }
        return readings;
    }

    /** Checked sensor keys, the statement that finds their last readings, and its recent answer if at hand. */
    public record LatestQuery(List<SensorKey> keys, String statement, RecentLastValues.Lookup lookup) {

        public Optional<List<TaggedSeries>> recent() {
            return lookup.found();
        }
    }

    /**
     * Whether the sensor was in the room at some time in [from, to]: its device was given the room,
     * or its last reading with the room as location came while its device had no room (of each
     * location only the last reading is at hand).
     */
    private boolean wasIn(String room, List<Sensor> seen, Instant from, Instant to) {
        RoomHistory rooms = places.rooms(seen.get(0).getKey().getDeviceId());
        if (rooms.wasIn(room, from, to)) {
            return true;
        }
        for (Sensor group : seen) {
            if (group.getLocation().equals(room)
                    && rooms.at(instant(group.getLastSeen())).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Per sensor, the last value of each location, unit and source it was seen with since {@code from}. */
    private Map<SensorKey, List<Sensor>> lastValues(List<String> conditions, Instant from) {
        RecentLastValues.Lookup lookup = recent.find(String.join(" AND ", conditions));
        if (lookup.found().isPresent()) {
            return lastValues(lookup.found().get());
        }
        List<TaggedSeries> found = influx.select(lastValuesStatement(conditions, from));
        recent.keep(lookup, found);
        return lastValues(found);
    }

    private String lastValuesStatement(List<String> conditions, Instant from) {
        StringBuilder query = new StringBuilder("SELECT last(")
                .append(InfluxQl.identifier(VALUE_FIELD))
                .append(") FROM ")
                .append(influx.measurement())
                .append(" WHERE time > ")
                .append(InfluxQl.time(from));
        conditions.forEach(condition -> query.append(" AND ").append(condition));
        return query.append(GROUP_BY).toString();
    }

    private static Map<SensorKey, List<Sensor>> lastValues(List<TaggedSeries> found) {
        Map<SensorKey, List<Sensor>> seen = new LinkedHashMap<>();
        for (TaggedSeries series : found) {
            if (series.points().isEmpty()) {
                continue;
            }
            TaggedSeries.TimedValue last = series.points().get(series.points().size() - 1);
            Sensor sensor = Sensor.newBuilder()
                    .setKey(SensorKeys.keyOf(series))
                    .setLocation(series.tag(LOCATION))
                    .setUnit(series.tag(UNIT))
                    .setSourceFormat(series.tag(SOURCE))
                    .setLastValue(last.value())
                    .setLastSeen(Timestamps.fromNanos(last.epochNanos()))
                    .build();
            seen.computeIfAbsent(sensor.getKey(), key -> new ArrayList<>()).add(sensor);
        }
        return seen;
    }

    /** With its device's name, room and status now. */
    private Sensor placed(Sensor sensor) {
        DevicePlaces.Placement placement = places.of(sensor.getKey().getDeviceId(), sensor.getLocation());
        Sensor.Builder now = sensor.toBuilder().setRoom(placement.room()).setDeviceName(placement.deviceName());
        DeviceStatusChange status = statuses.of(sensor.getKey().getDeviceId());
        now.setDeviceStatus(status.getStatus());
        if (status.hasSince()) {
            now.setStatusSince(status.getSince());
        }
        return now.build();
    }

    /** A sensor that moved (new location, unit or source) is listed once, as last seen. */
    private static Sensor newest(List<Sensor> seen) {
        return seen.stream().reduce(SensorCatalogue::newer).orElseThrow();
    }

    private static Instant instant(Timestamp time) {
        return Instant.ofEpochSecond(time.getSeconds(), time.getNanos());
    }

    private static Sensor newer(Sensor a, Sensor b) {
        return Timestamps.compare(b.getLastSeen(), a.getLastSeen()) > 0 ? b : a;
    }
}
