package home.connected.query.place;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

@Tag("fast")
class DevicePlacesMappingTest {

    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-29T08:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-30T10:00:00.123456Z");
    private static final Instant T3 = Instant.parse("2026-12-01T18:30:00Z");

    private final DevicePlaces places = new DevicePlaces(JsonMapper.builder().build());

    @Test
    void aDeviceWithoutAPlaceIsNamedByItsIdInTheRoomOfItsLocation() {
        assertThat(places.of("pi-1", "lab")).isEqualTo(new DevicePlaces.Placement("pi-1", "lab"));
    }

    @Test
    void theNewestMappingReplacesTheWholeOldOne() {
        apply("{\"places\":[{\"deviceId\":\"pi-1\",\"displayName\":\"Fridge\",\"room\":\"Kitchen\"},"
                + "{\"deviceId\":\"pi-2\",\"displayName\":\"\",\"room\":\"\",\"since\":\"2026-12-01T10:00:00Z\"}]}");
        assertThat(places.of("pi-1", "lab")).isEqualTo(new DevicePlaces.Placement("Fridge", "Kitchen"));
        assertThat(places.of("pi-2", "lab"))
                .as("placed without name or room: the id, and the reading's location")
                .isEqualTo(new DevicePlaces.Placement("pi-2", "lab"));
        assertThat(places.hasRoom("pi-2")).isFalse();

        apply("{\"places\":[{\"deviceId\":\"pi-2\",\"displayName\":\"Door\",\"room\":\"Hall\"}]}");
        assertThat(places.of("pi-1", "lab")).isEqualTo(new DevicePlaces.Placement("pi-1", "lab"));
        assertThat(places.of("pi-2", "lab")).isEqualTo(new DevicePlaces.Placement("Door", "Hall"));

        apply("");
        assertThat(places.of("pi-2", "lab"))
                .as("a cleared retained message: no places")
                .isEqualTo(new DevicePlaces.Placement("pi-2", "lab"));
    }

    @Test
    void anUnreadableMappingChangesNothing() {
        apply("{\"places\":[{\"deviceId\":\"pi-1\",\"displayName\":\"Fridge\",\"room\":\"Kitchen\"}]}");
        for (String bad : new String[] {
            "not json",
            "{}",
            "{\"places\":{}}",
            "{\"places\":[{\"room\":\"x\"}]}",
            "{\"places\":[{\"deviceId\":1}]}",
            "{\"places\":[{\"deviceId\":\"pi-1\",\"room\":\"Hall\",\"rooms\":{}}]}",
            "{\"places\":[{\"deviceId\":\"pi-1\",\"room\":\"Hall\",\"rooms\":[{\"room\":\"Hall\",\"since\":\"today\"}]}]}",
            "{\"places\":[{\"deviceId\":\"pi-1\",\"room\":\"Hall\",\"rooms\":[{\"room\":\"Hall\"}]}]}"
        }) {
            apply(bad);
            assertThat(places.of("pi-1", "lab")).as(bad).isEqualTo(new DevicePlaces.Placement("Fridge", "Kitchen"));
        }
    }

    @Test
    void theRoomHistoryGivesTheRoomAtEachTimeTheFirstRoomAlsoBeforeIt() {
        apply("{\"places\":[{\"deviceId\":\"pi-1\",\"displayName\":\"Fridge\",\"room\":\"Bedroom\",\"rooms\":["
                + room("", T0) + "," + room("Kitchen", T1) + "," + room("", T2) + "," + room("Bedroom", T3) + "]}]}");
        RoomHistory rooms = places.rooms("pi-1");

        assertThat(rooms.at(T0.minus(Duration.ofDays(30))))
                .as("giving a room labels a device, it does not move it")
                .isEqualTo("Kitchen");
        assertThat(rooms.at(T1)).isEqualTo("Kitchen");
        assertThat(rooms.at(T2)).as("no room set").isEmpty();
        assertThat(rooms.at(T3.minusNanos(1))).isEmpty();
        assertThat(rooms.at(T3)).isEqualTo("Bedroom");
        assertThat(rooms.now()).isEqualTo("Bedroom");
        assertThat(places.of("pi-1", "lab")).isEqualTo(new DevicePlaces.Placement("Fridge", "Bedroom"));

        assertThat(rooms.during(T1.plusSeconds(60), T3.plusSeconds(60)))
                .containsExactly(
                        new RoomHistory.Stay("Kitchen", T1.plusSeconds(60), T2),
                        new RoomHistory.Stay("", T2, T3),
                        new RoomHistory.Stay("Bedroom", T3, null));
        assertThat(rooms.during(T0, T2.minusSeconds(1)))
                .as("cut to the range; the end unset only while still there")
                .containsExactly(new RoomHistory.Stay("Kitchen", T0, T2.minusSeconds(1)));
        assertThat(rooms.wasIn("Kitchen", T2, T3)).isFalse();
        assertThat(rooms.wasIn("Kitchen", T2.minusNanos(1), T3)).isTrue();
        assertThat(rooms.wasIn("Bedroom", T0, T3)).isTrue();
        assertThat(rooms.wasIn("Bedroom", T0, T3.minusNanos(1))).isFalse();
    }

    @Test
    void aRoomClearedLeavesTheReadingsLocationAndRoomsComeInTimeOrder() {
        apply("{\"places\":[{\"deviceId\":\"pi-1\",\"displayName\":\"Fridge\",\"room\":\"\",\"rooms\":[" + room("", T2)
                + "," + room("Kitchen", T1) + "]}]}");

        assertThat(places.of("pi-1", "lab")).isEqualTo(new DevicePlaces.Placement("Fridge", "lab"));
        assertThat(places.hasRoom("pi-1")).isFalse();
        assertThat(places.rooms("pi-1").during(T0, T3))
                .containsExactly(new RoomHistory.Stay("Kitchen", T0, T2), new RoomHistory.Stay("", T2, null));
    }

    @Test
    void aPlaceWithoutRoomHistoryHadItsRoomAllAlongAndAnUnplacedDeviceNone() {
        apply("{\"places\":[{\"deviceId\":\"pi-1\",\"displayName\":\"Fridge\",\"room\":\"Kitchen\",\"since\":\"" + T2
                + "\"}]}");

        assertThat(places.rooms("pi-1").during(T0, T1)).containsExactly(new RoomHistory.Stay("Kitchen", T0, null));
        assertThat(places.rooms("pi-2").during(T0, T1)).containsExactly(new RoomHistory.Stay("", T0, null));
        assertThat(places.rooms("pi-2").now()).isEmpty();
    }

    private static String room(String room, Instant since) {
        return "{\"room\":\"" + room + "\",\"since\":\"" + since + "\"}";
    }

    private void apply(String payload) {
        places.apply(payload.getBytes(StandardCharsets.UTF_8));
    }
}
