package home.connected.query.filter;

import static home.connected.query.influx.ReadingTags.DEVICE;
import static home.connected.query.influx.ReadingTags.QUANTITY;
import static home.connected.query.influx.ReadingTags.SENSOR;

import home.connected.contracts.query.v1.SensorKey;
import home.connected.query.grpc.InvalidArgumentException;
import home.connected.query.influx.InfluxQl;
import home.connected.query.influx.TaggedSeries;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/** The sensors a request names: checked, without duplicates, and as one InfluxQL condition. */
public final class SensorKeys {

    private final List<SensorKey> keys;

    private SensorKeys(List<SensorKey> keys) {
        this.keys = keys;
    }

    /**
     * @param field the request field, for messages
     * @throws InvalidArgumentException when none or more than {@code max} are given, or a part is empty or unusable
     */
    public static SensorKeys of(String field, List<SensorKey> requested, int max, int maxLength) {
        if (requested.isEmpty()) {
            throw new InvalidArgumentException(field + " is empty; name at least one sensor");
        }
        LinkedHashSet<SensorKey> distinct = new LinkedHashSet<>(requested);
        if (distinct.size() > max) {
            throw new InvalidArgumentException(
                    field + " names " + distinct.size() + " sensors; at most " + max + " per request");
        }
        for (SensorKey key : distinct) {
            requirePart(field + ".device_id", key.getDeviceId(), maxLength);
            requirePart(field + ".sensor", key.getSensor(), maxLength);
            requirePart(field + ".quantity", key.getQuantity(), maxLength);
        }
        return new SensorKeys(List.copyOf(distinct));
    }

    public List<SensorKey> keys() {
        return keys;
    }

    /** {@code (("device" = '..' AND "sensor" = '..' AND "quantity" = '..') OR ...)}. */
    public String condition() {
        return condition(keys);
    }

    /** The condition of {@link #condition()} for some of the keys (already checked ones). */
    public static String condition(Collection<SensorKey> keys) {
        return keys.stream()
                .map(key -> "(" + InfluxQl.equalsCondition(DEVICE, key.getDeviceId()) + " AND "
                        + InfluxQl.equalsCondition(SENSOR, key.getSensor()) + " AND "
                        + InfluxQl.equalsCondition(QUANTITY, key.getQuantity()) + ")")
                .collect(Collectors.joining(" OR ", "(", ")"));
    }

    /** The key of a series grouped by device, sensor and quantity. */
    public static SensorKey keyOf(TaggedSeries series) {
        return SensorKey.newBuilder()
                .setDeviceId(series.tag(DEVICE))
                .setSensor(series.tag(SENSOR))
                .setQuantity(series.tag(QUANTITY))
                .build();
    }

    private static void requirePart(String what, String value, int maxLength) {
        if (value.isEmpty()) {
            throw new InvalidArgumentException(what + " is required");
        }
        InfluxQl.requireUsable(what, value, maxLength);
    }
}
