package home.connected.query.place;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads auth-service's
 * {@code {"places":[{"deviceId","displayName","room","since","rooms":[{"room","since"}]}]}}. An
 * empty message (the retained mapping cleared) is no places at all; a place without
 * {@code rooms} (from an auth-service before the room history) has had its room all along.
 */
final class PlacesJson {

    private final JsonMapper json;

    PlacesJson(JsonMapper json) {
        this.json = json;
    }

    Map<String, DevicePlaces.Place> parse(byte[] payload) {
        if (payload.length == 0) {
            return Map.of();
        }
        JsonNode places = json.readTree(payload).path("places");
        if (!places.isArray()) {
            throw new IllegalArgumentException("no \"places\" array");
        }
        Map<String, DevicePlaces.Place> mapping = new HashMap<>();
        for (JsonNode place : places) {
            String deviceId = text(place, "deviceId");
            if (deviceId.isEmpty()) {
                throw new IllegalArgumentException("a place without deviceId");
            }
            String name = text(place, "displayName");
            mapping.put(deviceId, new DevicePlaces.Place(name.isEmpty() ? deviceId : name, rooms(place)));
        }
        return Map.copyOf(mapping);
    }

    private static RoomHistory rooms(JsonNode place) {
        JsonNode rooms = place.path("rooms");
        if (rooms.isMissingNode() || rooms.isNull()) {
            return RoomHistory.of(List.of(new RoomHistory.Change(null, text(place, "room"))));
        }
        if (!rooms.isArray()) {
            throw new IllegalArgumentException("rooms is not an array");
        }
        List<RoomHistory.Change> changes = new ArrayList<>(rooms.size());
        for (JsonNode room : rooms) {
            changes.add(new RoomHistory.Change(since(room), text(room, "room")));
        }
        return RoomHistory.of(changes);
    }

    private static Instant since(JsonNode room) {
        try {
            return Instant.parse(text(room, "since"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a room's since is not an ISO-8601 instant");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isString()) {
            if (value.isMissingNode() || value.isNull()) {
                return "";
            }
            throw new IllegalArgumentException(field + " is not a string");
        }
        return value.asString();
    }
}
