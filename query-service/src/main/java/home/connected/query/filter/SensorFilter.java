package home.connected.query.filter;

import static home.connected.query.influx.ReadingTags.DEVICE;
import static home.connected.query.influx.ReadingTags.LOCATION;
import static home.connected.query.influx.ReadingTags.QUANTITY;

import home.connected.contracts.query.v1.ReadingFilter;
import home.connected.query.influx.InfluxQl;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A caller's {@link ReadingFilter}, checked: quantity, location, device and room match exactly
 * (empty means any; a listed sensor also matches a room it had before), text is a
 * case-insensitive substring of device, sensor, quantity, location, room or device name.
 * Quantity, location and device also become InfluxQL conditions; the room (applied at read time,
 * not stored) and the text are only ever matched here, in Java.
 */
public final class SensorFilter {

    private final String quantity;
    private final String location;
    private final String device;
    private final String room;
    private final String text;

    private SensorFilter(String quantity, String location, String device, String room, String text) {
        this.quantity = quantity;
        this.location = location;
        this.device = device;
        this.room = room;
        this.text = text.toLowerCase(Locale.ROOT);
    }

    /** @throws home.connected.query.grpc.InvalidArgumentException for a control character or an overlong value */
    public static SensorFilter of(ReadingFilter filter, int maxLength) {
        InfluxQl.requireUsable("filter.quantity", filter.getQuantity(), maxLength);
        InfluxQl.requireUsable("filter.location", filter.getLocation(), maxLength);
        InfluxQl.requireUsable("filter.device_id", filter.getDeviceId(), maxLength);
        InfluxQl.requireUsable("filter.text", filter.getText(), maxLength);
        InfluxQl.requireUsable("filter.room", filter.getRoom(), maxLength);
        return new SensorFilter(
                filter.getQuantity(), filter.getLocation(), filter.getDeviceId(), filter.getRoom(), filter.getText());
    }

    /** The exact parts as InfluxQL conditions, each safely quoted; empty when there are none. */
    public List<String> tagConditions() {
        List<String> conditions = new ArrayList<>(3);
        if (!quantity.isEmpty()) {
            conditions.add(InfluxQl.equalsCondition(QUANTITY, quantity));
        }
        if (!location.isEmpty()) {
            conditions.add(InfluxQl.equalsCondition(LOCATION, location));
        }
        if (!device.isEmpty()) {
            conditions.add(InfluxQl.equalsCondition(DEVICE, device));
        }
        return conditions;
    }

    /** The whole filter, for a reading in this room now (the live stream). */
    public boolean matches(
            String device, String sensor, String quantity, String location, String room, String deviceName) {
        return (this.quantity.isEmpty() || this.quantity.equals(quantity))
                && (this.location.isEmpty() || this.location.equals(location))
                && (this.device.isEmpty() || this.device.equals(device))
                && (this.room.isEmpty() || this.room.equals(room))
                && matchesText(device, sensor, quantity, location, room, deviceName);
    }

    /**
     * The parts InfluxDB cannot check: the room, which is the sensor's room now or one that
     * {@code wasIn} says it had, and the text (against the room now).
     */
    public boolean matchesPlace(
            String device,
            String sensor,
            String quantity,
            String location,
            String room,
            String deviceName,
            Predicate<String> wasIn) {
        return (this.room.isEmpty() || this.room.equals(room) || wasIn.test(this.room))
                && matchesText(device, sensor, quantity, location, room, deviceName);
    }

    private boolean matchesText(
            String device, String sensor, String quantity, String location, String room, String deviceName) {
        return text.isEmpty()
                || contains(device)
                || contains(sensor)
                || contains(quantity)
                || contains(location)
                || contains(room)
                || contains(deviceName);
    }

    private boolean contains(String value) {
        return value.toLowerCase(Locale.ROOT).contains(text);
    }
}
