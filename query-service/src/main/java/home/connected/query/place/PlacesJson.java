package home.connected.query.place;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads auth-service's {@code {"places":[{"deviceId","displayName","room","since"}]}}. An empty
 * message (the retained mapping cleared) is no places at all.
 */
final class PlacesJson {

    private final JsonMapper json;

    PlacesJson(JsonMapper json) {
        this.json = json;
    }

    Map<String, DevicePlaces.Placement> parse(byte[] payload) {
        if (payload.length == 0) {
            return Map.of();
        }
        JsonNode places = json.readTree(payload).path("places");
        if (!places.isArray()) {
            throw new IllegalArgumentException("no \"places\" array");
        }
        Map<String, DevicePlaces.Placement> mapping = new HashMap<>();
        for (JsonNode place : places) {
            String deviceId = text(place, "deviceId");
            if (deviceId.isEmpty()) {
                throw new IllegalArgumentException("a place without deviceId");
            }
            mapping.put(deviceId, new DevicePlaces.Placement(text(place, "displayName"), text(place, "room")));
        }
        return Map.copyOf(mapping);
    }

    private static String text(JsonNode place, String field) {
        JsonNode value = place.path(field);
        if (!value.isString()) {
            if (value.isMissingNode() || value.isNull()) {
                return "";
            }
            throw new IllegalArgumentException(field + " is not a string");
        }
        return value.asString();
    }
}
