package home.connected.query.place;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The newest mapping of devices to display names and rooms that auth-service published on
 * {@code connected-home/v1/places}, applied when answering: stored readings keep their own
 * location, so moving a device rewrites nothing and shows at once.
 */
@Component
public class DevicePlaces {

    private static final Logger log = LoggerFactory.getLogger(DevicePlaces.class);

    private final PlacesJson json;
    private volatile Map<String, Placement> mapping = Map.of();

    public DevicePlaces(JsonMapper json) {
        this.json = new PlacesJson(json);
    }

    /** Where a device is: its place when it has one, else its id as name and the reading's location as room. */
    public Placement of(String deviceId, String location) {
        Placement placed = mapping.get(deviceId);
        if (placed == null) {
            return new Placement(deviceId, location);
        }
        return new Placement(placed.deviceName().isEmpty() ? deviceId : placed.deviceName(), placed.room());
    }

    public boolean has(String deviceId) {
        return mapping.containsKey(deviceId);
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
