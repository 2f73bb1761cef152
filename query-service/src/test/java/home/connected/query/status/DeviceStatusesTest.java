package home.connected.query.status;

import static home.connected.contracts.query.v1.DeviceStatus.DEVICE_STATUS_OFFLINE;
import static home.connected.contracts.query.v1.DeviceStatus.DEVICE_STATUS_ONLINE;
import static home.connected.contracts.query.v1.DeviceStatus.DEVICE_STATUS_UNSPECIFIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.util.Timestamps;
import home.connected.contracts.query.v1.DeviceStatusChange;
import home.connected.testing.MovableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The status board on its own, with a clock the test moves. */
class DeviceStatusesTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T12:00:00Z"));
    private final DeviceStatuses statuses = new DeviceStatuses(clock);

    @Test
    void aStatusIsKeptWithTheTimeItWasFirstSeen() {
        assertThat(statuses.of("pi-1"))
                .isEqualTo(DeviceStatusChange.newBuilder().setDeviceId("pi-1").build());

        apply("pi-1", "online");
        clock.advance(Duration.ofSeconds(60));
        apply("pi-1", "online");

        assertThat(statuses.of("pi-1").getStatus()).isEqualTo(DEVICE_STATUS_ONLINE);
        assertThat(statuses.of("pi-1").getSince()).isEqualTo(Timestamps.parseUnchecked("2026-12-02T12:00:00Z"));

        apply("pi-1", "offline\n");
        assertThat(statuses.of("pi-1").getStatus()).isEqualTo(DEVICE_STATUS_OFFLINE);
        assertThat(statuses.of("pi-1").getSince()).isEqualTo(Timestamps.parseUnchecked("2026-12-02T12:01:00Z"));
    }

    @Test
    void aStatusFromTheBrokersStoreHasNoTimeUntilItChanges() {
        statuses.apply("pi-1", "offline".getBytes(StandardCharsets.UTF_8), true);

        assertThat(statuses.of("pi-1").getStatus()).isEqualTo(DEVICE_STATUS_OFFLINE);
        assertThat(statuses.of("pi-1").hasSince())
                .as("published at some unknown time")
                .isFalse();

        clock.advance(Duration.ofSeconds(60));
        apply("pi-1", "online");
        assertThat(statuses.of("pi-1").getSince()).isEqualTo(Timestamps.parseUnchecked("2026-12-02T12:01:00Z"));
    }

    @Test
    void anythingButOnlineOfflineOrEmptyChangesNothing() {
        apply("pi-1", "online");
        List<DeviceStatusChange> changes = new ArrayList<>();
        statuses.follow(changes::add);
        changes.clear();

        for (String garbage : List.of("Online", "OFFLINE", "1", "{\"status\":\"offline\"}", " ", "online offline")) {
            apply("pi-1", garbage);
        }
        statuses.apply("pi-1", new byte[] {(byte) 0xff, (byte) 0xfe});

        assertThat(changes).isEmpty();
        assertThat(statuses.of("pi-1").getStatus()).isEqualTo(DEVICE_STATUS_ONLINE);
    }

    @Test
    void anEmptyMessageMakesTheDeviceUnknown() {
        apply("pi-1", "offline");
        List<DeviceStatusChange> changes = new ArrayList<>();
        statuses.follow(changes::add);

        apply("pi-1", "");
        apply("pi-2", "");

        assertThat(statuses.of("pi-1").getStatus()).isEqualTo(DEVICE_STATUS_UNSPECIFIED);
        assertThat(statuses.of("pi-1").hasSince()).isFalse();
        assertThat(statuses.count()).isZero();
        assertThat(changes)
                .extracting(DeviceStatusChange::getDeviceId, DeviceStatusChange::getStatus)
                .as("the known status, then the one change; a device never known stays silent")
                .containsExactly(tuple("pi-1", DEVICE_STATUS_OFFLINE), tuple("pi-1", DEVICE_STATUS_UNSPECIFIED));
    }

    @Test
    void aFollowerGetsTheKnownStatusesThenTheChangesUntilItLeaves() {
        apply("pi-1", "online");
        apply("pi-2", "offline");
        List<DeviceStatusChange> changes = new ArrayList<>();
        Consumer<DeviceStatusChange> follower = changes::add;

        statuses.follow(follower);
        assertThat(changes).extracting(DeviceStatusChange::getDeviceId).containsExactlyInAnyOrder("pi-1", "pi-2");

        apply("pi-2", "online");
        assertThat(changes).hasSize(3);
        assertThat(changes.get(2).getStatus()).isEqualTo(DEVICE_STATUS_ONLINE);

        statuses.unfollow(follower);
        apply("pi-1", "offline");
        assertThat(changes).hasSize(3);
    }

    private void apply(String device, String payload) {
        statuses.apply(device, payload.getBytes(StandardCharsets.UTF_8));
    }
}
