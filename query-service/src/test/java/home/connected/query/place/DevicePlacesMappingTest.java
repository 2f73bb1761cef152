package home.connected.query.place;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

@Tag("fast")
class DevicePlacesMappingTest {

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
                .as("placed without name or room: the id, and no room")
                .isEqualTo(new DevicePlaces.Placement("pi-2", ""));

        apply("{\"places\":[{\"deviceId\":\"pi-2\",\"displayName\":\"Door\",\"room\":\"Hall\"}]}");
        assertThat(places.of("pi-1", "lab")).isEqualTo(new DevicePlaces.Placement("pi-1", "lab"));
        assertThat(places.of("pi-2", "lab")).isEqualTo(new DevicePlaces.Placement("Door", "Hall"));

        apply("");
        assertThat(places.has("pi-2"))
                .as("a cleared retained message: no places")
                .isFalse();
    }

    @Test
    void anUnreadableMappingChangesNothing() {
        apply("{\"places\":[{\"deviceId\":\"pi-1\",\"displayName\":\"Fridge\",\"room\":\"Kitchen\"}]}");
        for (String bad : new String[] {
            "not json", "{}", "{\"places\":{}}", "{\"places\":[{\"room\":\"x\"}]}", "{\"places\":[{\"deviceId\":1}]}"
        }) {
            apply(bad);
            assertThat(places.of("pi-1", "lab")).as(bad).isEqualTo(new DevicePlaces.Placement("Fridge", "Kitchen"));
        }
    }

    private void apply(String payload) {
        places.apply(payload.getBytes(StandardCharsets.UTF_8));
    }
}
