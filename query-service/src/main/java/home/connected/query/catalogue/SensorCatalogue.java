package home.connected.query.catalogue;

import static home.connected.query.influx.ReadingTags.DEVICE;
import static home.connected.query.influx.ReadingTags.LOCATION;
import static home.connected.query.influx.ReadingTags.QUANTITY;
import static home.connected.query.influx.ReadingTags.SENSOR;
import static home.connected.query.influx.ReadingTags.SOURCE;
import static home.connected.query.influx.ReadingTags.UNIT;
import static home.connected.query.influx.ReadingTags.VALUE_FIELD;

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
import home.connected.query.status.DeviceStatuses;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The sensors seen within the catalogue window with their last value, and the last values of
 * named sensors. A sensor that moved (new location, unit or source) is listed once, as last seen.
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
    private final Clock clock;

    SensorCatalogue(
            InfluxReader influx,
            QueryProperties properties,
            DevicePlaces places,
            DeviceStatuses statuses,
            Clock clock) {
        this.influx = influx;
        this.limits = properties.limits();
        this.places = places;
        this.statuses = statuses;
        this.clock = clock;
    }

    public List<Sensor> list(ReadingFilter request) {
        SensorFilter filter = SensorFilter.of(request, limits.maxNameLength());
        return lastValues(filter.tagConditions()).stream()
                .filter(sensor -> filter.matchesPlace(
                        sensor.getKey().getDeviceId(),
                        sensor.getKey().getSensor(),
                        sensor.getKey().getQuantity(),
                        sensor.getLocation(),
                        sensor.getRoom(),
                        sensor.getDeviceName()))
                .sorted(Comparator.comparing((Sensor s) -> s.getKey().getDeviceId())
                        .thenComparing(s -> s.getKey().getSensor())
                        .thenComparing(s -> s.getKey().getQuantity()))
                .toList();
    }

    /** The last reading of each named sensor that has one within the catalogue window, in request order. */
    public List<Reading> latest(List<SensorKey> requested) {
        SensorKeys keys = SensorKeys.of("sensors", requested, limits.maxLatestSensors(), limits.maxNameLength());
        Map<SensorKey, Sensor> found = lastValues(List.of(keys.condition())).stream()
                .collect(Collectors.toMap(Sensor::getKey, sensor -> sensor));
        List<Reading> readings = new ArrayList<>();
        for (SensorKey key : keys.keys()) {
            Sensor sensor = found.get(key);
            if (sensor != null) {
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

    private List<Sensor> lastValues(List<String> conditions) {
        StringBuilder query = new StringBuilder("SELECT last(")
                .append(InfluxQl.identifier(VALUE_FIELD))
                .append(") FROM ")
                .append(influx.measurement())
                .append(" WHERE time > ")
                .append(InfluxQl.time(clock.instant().minus(limits.catalogueWindow())));
        conditions.forEach(condition -> query.append(" AND ").append(condition));
        query.append(GROUP_BY);
        Map<SensorKey, Sensor> newest = new LinkedHashMap<>();
        for (TaggedSeries series : influx.select(query.toString())) {
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
            newest.merge(sensor.getKey(), sensor, SensorCatalogue::newer);
        }
        List<Sensor> placed = new ArrayList<>(newest.size());
        for (Sensor sensor : newest.values()) {
            DevicePlaces.Placement placement = places.of(sensor.getKey().getDeviceId(), sensor.getLocation());
            Sensor.Builder now = sensor.toBuilder().setRoom(placement.room()).setDeviceName(placement.deviceName());
            DeviceStatusChange status = statuses.of(sensor.getKey().getDeviceId());
            now.setDeviceStatus(status.getStatus());
            if (status.hasSince()) {
                now.setStatusSince(status.getSince());
            }
            placed.add(now.build());
        }
        return placed;
    }

    private static Sensor newer(Sensor a, Sensor b) {
        return Timestamps.compare(b.getLastSeen(), a.getLastSeen()) > 0 ? b : a;
    }
}
