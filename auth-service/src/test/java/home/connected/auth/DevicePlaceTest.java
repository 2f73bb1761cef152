package home.connected.auth;

import static home.connected.auth.LifecycleTest.catchStatus;
import static home.connected.auth.LifecycleTest.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Empty;
import home.connected.contracts.Topics;
import home.connected.contracts.auth.v1.AuditEvent;
import home.connected.contracts.auth.v1.AuditServiceGrpc;
import home.connected.contracts.auth.v1.AuthServiceGrpc;
import home.connected.contracts.auth.v1.Device;
import home.connected.contracts.auth.v1.DevicePlace;
import home.connected.contracts.auth.v1.DeviceRef;
import home.connected.contracts.auth.v1.DeviceServiceGrpc;
import home.connected.contracts.auth.v1.ListAuditEventsRequest;
import home.connected.contracts.auth.v1.ProvisionDeviceRequest;
import home.connected.contracts.auth.v1.SetDevicePlaceRequest;
import home.connected.mqtt.MqttConnection;
import home.connected.testing.DevServices;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DevicePlaceTest extends AuthServiceIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private DeviceServiceGrpc.DeviceServiceBlockingStub devices;
    private AuditServiceGrpc.AuditServiceBlockingStub audit;

    @BeforeEach
    void signInAsAdmin() {
        String token = AuthServiceGrpc.newBlockingStub(channel())
                .login(login(ADMIN, ADMIN_PASSWORD))
                .getAccessToken();
        devices = withToken(DeviceServiceGrpc.newBlockingStub(channel()), token);
        audit = withToken(AuditServiceGrpc.newBlockingStub(channel()), token);
    }

    @Test
    void aThirdPartyDeviceGetsANameAndARoom() {
        String deviceId = "Zigbee." + UUID.randomUUID().toString().substring(0, 8) + ":0x00158d";

        DevicePlace place = devices.setDevicePlace(request(deviceId, "  Hall sensor ", "Hall"));

        assertThat(place.getDeviceId()).isEqualTo(deviceId);
        assertThat(place.getDisplayName()).as("surrounding blanks dropped").isEqualTo("Hall sensor");
        assertThat(place.getRoom()).isEqualTo("Hall");
        assertThat(place.hasSince()).isTrue();
        assertThat(listed(deviceId)).contains(place);
        assertThat(listed(deviceId.toLowerCase()))
                .as("device ids are case-sensitive")
                .isEmpty();
    }

    @Test
    void everyChangeKeepsThePreviousPlaceAsHistory() throws SQLException {
        String deviceId = unique("tasmota");
        DevicePlace first = devices.setDevicePlace(request(deviceId, "Lamp", "Kitchen"));
        DevicePlace again = devices.setDevicePlace(request(deviceId, "Lamp", "Kitchen"));
        DevicePlace moved = devices.setDevicePlace(request(deviceId, "Lamp", "Living room"));

        assertThat(again).as("the same place again changes nothing").isEqualTo(first);
        assertThat(listed(deviceId)).contains(moved);
        List<Stored> history = history(deviceId);
        assertThat(history).extracting(Stored::room).containsExactly("Kitchen", "Living room");
        assertThat(history.get(0).since()).isEqualTo(instant(first));
        assertThat(history.get(0).replacedAt())
                .as("replaced when the next began")
                .isEqualTo(instant(moved));
        assertThat(history.get(1).replacedAt()).as("the current place").isNull();
        assertThat(placeEvents(deviceId)).hasSize(2);
    }

    @Test
    void badInputNamesTheFieldAndWritesNothing() throws SQLException {
        for (String bad : new String[] {"", "has/slash", "wild+card", "hash#", "sp ace", "x".repeat(65), "ümlaut"}) {
            StatusRuntimeException refused = catchStatus(() -> devices.setDevicePlace(request(bad, "Name", "Room")));
            assertThat(refused.getStatus().getCode()).as(bad).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(refused.getStatus().getDescription()).as(bad).contains("device_id");
        }
        String deviceId = unique("esphome");
        assertRefused(request(deviceId, "n".repeat(65), ""), "display_name");
        assertRefused(request(deviceId, "Name\u0007", ""), "display_name");
        assertRefused(request(deviceId, "", "r".repeat(65)), "room");
        assertRefused(request(deviceId, "", "Kit\nchen"), "room");

        assertThat(listed(deviceId)).isEmpty();
        assertThat(history(deviceId)).isEmpty();
        assertThat(placeEvents(deviceId)).isEmpty();
        assertThat(devices.setDevicePlace(request(deviceId, "ä".repeat(64), "")).getDisplayName())
                .as("64 characters, not bytes")
                .hasSize(64);
    }

    @Test
    void aChangeIsAuditedWithWhoAndWhat() {
        String deviceId = unique("z2m");
        devices.setDevicePlace(request(deviceId, "Door", "Hall"));

        assertThat(placeEvents(deviceId)).singleElement().satisfies(event -> {
            assertThat(event.getActor()).isEqualTo(ADMIN);
            assertThat(event.getDetail()).contains("\"Door\"").contains("\"Hall\"");
        });
    }

    @Test
    void aProvisionedDevicesNameAndLocationAreItsPlace() {
        String deviceId = unique("pi");
        devices.provisionDevice(ProvisionDeviceRequest.newBuilder()
                .setDeviceId(deviceId)
                .setDisplayName("Kitchen Pi")
                .setLocation("Kitchen")
                .build());
        try {
            assertThat(listed(deviceId)).hasValueSatisfying(place -> {
                assertThat(place.getDisplayName()).isEqualTo("Kitchen Pi");
                assertThat(place.getRoom()).isEqualTo("Kitchen");
            });

            devices.setDevicePlace(request(deviceId, "Bedroom Pi", "Bedroom"));

            Device device = registered(deviceId);
            assertThat(device.getDisplayName()).isEqualTo("Bedroom Pi");
            assertThat(device.getLocation()).isEqualTo("Bedroom");

            devices.setDevicePlace(request(deviceId, "", ""));
            assertThat(registered(deviceId).getDisplayName())
                    .as("without a name the id is the name")
                    .isEqualTo(deviceId);
        } finally {
            devices.deleteDevice(DeviceRef.newBuilder().setDeviceId(deviceId).build());
        }
    }

    @Test
    void theWholeMappingIsPublishedRetainedAfterEveryChange() {
        String deviceId = unique("sim");
        devices.setDevicePlace(request(deviceId, "Radiator", "Bathroom"));
        assertThat(retainedRoomOf(deviceId, "Bathroom")).isEqualTo("Bathroom");

        devices.setDevicePlace(request(deviceId, "Radiator", "Kids' room"));
        assertThat(retainedRoomOf(deviceId, "Kids' room")).isEqualTo("Kids' room");
    }

    @Test
    void theRetainedMappingCarriesEveryRoomTheDeviceWasInOldestFirst() {
        String deviceId = unique("moved");
        DevicePlace kitchen = devices.setDevicePlace(request(deviceId, "Fridge", "Kitchen"));
        devices.setDevicePlace(request(deviceId, "Big fridge", "Kitchen"));
        DevicePlace none = devices.setDevicePlace(request(deviceId, "Big fridge", ""));
        DevicePlace bedroom = devices.setDevicePlace(request(deviceId, "Big fridge", "Bedroom"));
        DevicePlace renamed = devices.setDevicePlace(request(deviceId, "Cooler", "Bedroom"));

        JsonNode place =
                retainedPlaceOf(deviceId, p -> p.get("displayName").asString().equals("Cooler"));
        assertThat(place.get("room").asString()).isEqualTo("Bedroom");
        assertThat(Instant.parse(place.get("since").asString()))
                .as("since: the current version's")
                .isEqualTo(instant(renamed));
        List<String> rooms = new ArrayList<>();
        List<Instant> since = new ArrayList<>();
        for (JsonNode room : place.get("rooms")) {
            rooms.add(room.get("room").asString());
            since.add(Instant.parse(room.get("since").asString()));
        }
        assertThat(rooms)
                .as("a new name in the same room is no move; no room is a room of its own")
                .containsExactly("Kitchen", "", "Bedroom");
        assertThat(since).containsExactly(instant(kitchen), instant(none), instant(bedroom));
    }

    /** Subscribes anew, as a service starting now would, until the retained mapping names a room for the device. */
    private static String retainedRoomOf(String deviceId, String expected) {
        return retainedPlaceOf(deviceId, place -> place.get("room").asString().equals(expected))
                .get("room")
                .asString();
    }

    /** Subscribes anew, as a service starting now would, until the retained entry of the device is the one expected. */
    private static JsonNode retainedPlaceOf(String deviceId, Predicate<JsonNode> expected) {
        JsonMapper json = JsonMapper.builder().build();
        DevServices services = DevServices.get();
        AtomicReference<JsonNode> found = new AtomicReference<>();
        await().atMost(PATIENCE).untilAsserted(() -> {
            found.set(null);
            MqttConnection connection = MqttConnection.builder(
                            "places-test", services.mqttUrl(), "places-test-" + UUID.randomUUID())
                    .credentials(services.mqttAdminUser(), services.mqttAdminPassword())
                    .subscribe(Topics.PLACES, 1)
                    .onMessage((topic, message) -> {
                        if (message.isRetained()) {
                            for (JsonNode place :
                                    json.readTree(message.getPayload()).get("places")) {
                                if (place.get("deviceId").asString().equals(deviceId)) {
                                    found.set(place);
                                }
                            }
                        }
                    })
                    .build()
                    .start();
            try {
                await().atMost(Duration.ofSeconds(3)).until(() -> {
                    JsonNode place = found.get();
                    return place != null && expected.test(place);
                });
            } finally {
                connection.close();
            }
        });
        return found.get();
    }

    private void assertRefused(SetDevicePlaceRequest request, String field) {
        StatusRuntimeException refused = catchStatus(() -> devices.setDevicePlace(request));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(refused.getStatus().getDescription()).startsWith(field);
    }

    private Optional<DevicePlace> listed(String deviceId) {
        return devices.listDevicePlaces(Empty.getDefaultInstance()).getPlacesList().stream()
                .filter(place -> place.getDeviceId().equals(deviceId))
                .findFirst();
    }

    private Device registered(String deviceId) {
        return devices.listDevices(Empty.getDefaultInstance()).getDevicesList().stream()
                .filter(device -> device.getDeviceId().equals(deviceId))
                .findFirst()
                .orElseThrow();
    }

    private List<AuditEvent> placeEvents(String deviceId) {
        return audit
                .listAuditEvents(ListAuditEventsRequest.newBuilder()
                        .setActor(ADMIN)
                        .setPageSize(200)
                        .build())
                .getEventsList()
                .stream()
                .filter(event -> event.getAction().equals("device.place_set"))
                .filter(event -> event.getTarget().equals("device:" + deviceId))
                .toList();
    }

    record Stored(String room, Instant since, Instant replacedAt) {}

    /** Every stored place of the device, oldest first. */
    private static List<Stored> history(String deviceId) throws SQLException {
        ScratchDatabase database = ScratchDatabase.get();
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
                PreparedStatement select = connection.prepareStatement(
                        "SELECT room, since, replaced_at FROM device_places WHERE device_id = ? ORDER BY id")) {
            select.setString(1, deviceId);
            List<Stored> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Stored(
                            result.getString(1),
                            utc(result.getObject(2, LocalDateTime.class)),
                            utc(result.getObject(3, LocalDateTime.class))));
                }
            }
            return rows;
        }
    }

    /** Stored as UTC (hibernate.jdbc.time_zone). */
    private static Instant utc(LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }

    private static Instant instant(DevicePlace place) {
        return Instant.ofEpochSecond(
                place.getSince().getSeconds(), place.getSince().getNanos());
    }

    private static SetDevicePlaceRequest request(String deviceId, String displayName, String room) {
        return SetDevicePlaceRequest.newBuilder()
                .setDeviceId(deviceId)
                .setDisplayName(displayName)
                .setRoom(room)
                .build();
    }
}
