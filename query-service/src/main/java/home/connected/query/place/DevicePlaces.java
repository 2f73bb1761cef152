package home.connected.query.place;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The newest mapping of devices to display names and rooms, with the rooms each device had
 * before, that auth-service published on {@code connected-home/v1/places}, applied when
 * answering: stored readings keep their own location, so moving a device rewrites nothing and
 * shows at once. Where no room is set, the readings' location is the room.
 */
@Component
public class DevicePlaces {

    private static final Logger log = LoggerFactory.getLogger(DevicePlaces.class);

    private final PlacesJson json;
    private volatile Map<String, Place> mapping = Map.of();

    public DevicePlaces(JsonMapper json) {
        this.json = new PlacesJson(json);
    }

    /**
     * A device's place as published: the rooms it was given and, made once per mapping rather than
     * once per reading, its name (its id when it has none) with its room now.
     */
    record Place(RoomHistory rooms, Placement now) {

        Place(String deviceName, RoomHistory rooms) {
            this(rooms, new Placement(deviceName, rooms.now()));
        }
    }

    /** Where a device is now: its name or else its id, its room or else the reading's location. */
    public Placement of(String deviceId, String location) {
        Place place = mapping.get(deviceId);
        if (place == null) {
            return new Placement(deviceId, location);
        }
        return place.now().room().isEmpty() ? new Placement(place.now().deviceName(), location) : place.now();
    }

    /** Whether the device is in a room now, so no reading's location is needed to tell its room. */
    public boolean hasRoom(String deviceId) {
        Place place = mapping.get(deviceId);
        return place != null && !place.now().room().isEmpty();
    }

    /** The rooms the device was given over time; none for a device without a place. */
    public RoomHistory rooms(String deviceId) {
        Place place = mapping.get(deviceId);
        return place == null ? RoomHistory.NONE : place.rooms();
    }

    /** Replaces the mapping with a published one; an unreadable message changes nothing. */
    public void apply(byte[] payload) {
        try {
            mapping = json.parse(payload);
            log.info("device places applied: {} devices", mapping.size());
        } catch (RuntimeException e) {
            log.warn("device places not applied, keeping the previous ones: {}", e.toString());
        }
    }

    /** A device's display name and room as answers carry them. */
    public record Placement(String deviceName, String room) {}
}
