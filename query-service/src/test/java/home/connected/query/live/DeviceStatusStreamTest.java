package home.connected.query.live;

import static home.connected.contracts.query.v1.DeviceStatus.DEVICE_STATUS_OFFLINE;
import static home.connected.contracts.query.v1.DeviceStatus.DEVICE_STATUS_ONLINE;
import static home.connected.contracts.query.v1.DeviceStatus.DEVICE_STATUS_UNSPECIFIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.Timestamps;
import home.connected.contracts.query.v1.DeviceStatus;
import home.connected.contracts.query.v1.DeviceStatusChange;
import home.connected.contracts.query.v1.DeviceStatusFilter;
import home.connected.contracts.query.v1.ListSensorsRequest;
import home.connected.contracts.query.v1.ReadingFilter;
import home.connected.contracts.query.v1.Sensor;
import home.connected.query.QuerySpringTest;
import home.connected.query.TestReadings;
import home.connected.query.status.DeviceStatuses;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Devices' retained status on the dev broker, as query-service follows it with its own broker
 * account: in the catalogue and on StreamDeviceStatuses.
 */
class DeviceStatusStreamTest extends QuerySpringTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Autowired
    LiveDeviceStatuses streams;

    @Autowired
    DeviceStatuses statuses;

    @Test
    void aRetainedOnlineThenOfflineShowsInTheCatalogue() throws Exception {
        String device = deviceWithAReading("status");
        assertThat(sensorOf(device).getDeviceStatus()).isEqualTo(DEVICE_STATUS_UNSPECIFIED);
        assertThat(sensorOf(device).hasStatusSince()).isFalse();
        try (DevBrokerPublisher publisher = new DevBrokerPublisher()) {
            Instant before = Instant.now();
            publisher.status(device, "online");
            Sensor online = await().atMost(WITHIN)
                    .until(() -> sensorOf(device), sensor -> sensor.getDeviceStatus() == DEVICE_STATUS_ONLINE);
            assertThat(Timestamps.toMillis(online.getStatusSince()))
                    .isBetween(before.toEpochMilli() - 1000, Instant.now().toEpochMilli());

            publisher.status(device, "offline");
            Sensor offline = await().atMost(WITHIN)
                    .until(() -> sensorOf(device), sensor -> sensor.getDeviceStatus() == DEVICE_STATUS_OFFLINE);
            assertThat(Timestamps.compare(offline.getStatusSince(), online.getStatusSince()))
                    .isGreaterThanOrEqualTo(0);
            assertThat(offline.getLastValue())
                    .as("the rest of the sensor as before")
                    .isEqualTo(online.getLastValue());
        }
    }

    @Test
    void theStreamSendsEveryKnownStatusFirstThenEachChangeAndIsGoneOnCancel() throws Exception {
        String device = TestReadings.uniqueDevice("status-stream");
        String other = TestReadings.uniqueDevice("status-other");
        int openBefore = streams.open();
        try (DevBrokerPublisher publisher = new DevBrokerPublisher()) {
            publisher.status(device, "online");
            publisher.status(other, "offline");
            await().atMost(WITHIN)
                    .until(() -> statuses.of(device).getStatus() == DEVICE_STATUS_ONLINE
                            && statuses.of(other).getStatus() == DEVICE_STATUS_OFFLINE);

            Stream all = open(DeviceStatusFilter.getDefaultInstance());
            Stream one =
                    open(DeviceStatusFilter.newBuilder().setDeviceId(device).build());
            await("the current statuses, before any change").atMost(WITHIN).untilAsserted(() -> {
                assertThat(all.statusesOf(device)).containsExactly(DEVICE_STATUS_ONLINE);
                assertThat(all.statusesOf(other)).containsExactly(DEVICE_STATUS_OFFLINE);
                assertThat(one.statusesOf(device)).containsExactly(DEVICE_STATUS_ONLINE);
            });
            assertThat(streams.open()).isEqualTo(openBefore + 2);
            DeviceStatusChange first = all.last(device);
            assertThat(first).isEqualTo(statuses.of(device));

            publisher.status(device, "offline");

            await("the change within seconds").atMost(WITHIN).untilAsserted(() -> {
                assertThat(all.statusesOf(device)).containsExactly(DEVICE_STATUS_ONLINE, DEVICE_STATUS_OFFLINE);
                assertThat(one.statusesOf(device)).containsExactly(DEVICE_STATUS_ONLINE, DEVICE_STATUS_OFFLINE);
            });
            assertThat(all.last(device).hasSince()).isTrue();
            assertThat(Timestamps.compare(all.last(device).getSince(), first.getSince()))
                    .isGreaterThanOrEqualTo(0);
            assertThat(one.received)
                    .as("the filtered stream has its device only")
                    .allSatisfy(change -> assertThat(change.getDeviceId()).isEqualTo(device));
            assertThat(all.statusesOf(other)).as("no change, nothing new").containsExactly(DEVICE_STATUS_OFFLINE);

            all.call.cancel("done", null);
            one.call.cancel("done", null);
            await().atMost(WITHIN)
                    .untilAsserted(() -> assertThat(streams.open())
                            .as("the cancelled streams are gone")
                            .isEqualTo(openBefore));
        }
    }

    @Test
    void aPayloadOtherThanOnlineOrOfflineChangesNothing() throws Exception {
        String device = deviceWithAReading("status-garbage");
        String control = TestReadings.uniqueDevice("status-control");
        try (DevBrokerPublisher publisher = new DevBrokerPublisher()) {
            publisher.status(device, "online");
            Sensor online = await().atMost(WITHIN)
                    .until(() -> sensorOf(device), sensor -> sensor.getDeviceStatus() == DEVICE_STATUS_ONLINE);
            Stream all = open(DeviceStatusFilter.getDefaultInstance());
            await().atMost(WITHIN).until(() -> !all.statusesOf(device).isEmpty());

            publisher.status(device, "rebooting");
            publisher.status(device, "{\"state\":\"offline\"}");
            // published after the garbage on the same connection, so it arrives after it
            publisher.status(control, "online");

            await().atMost(WITHIN).until(() -> !all.statusesOf(control).isEmpty());
            assertThat(all.statusesOf(device)).as("no change streamed").containsExactly(DEVICE_STATUS_ONLINE);
            assertThat(sensorOf(device)).as("the catalogue as before").isEqualTo(online);
            all.call.cancel("done", null);
        }
    }

    @Test
    void aClearedRetainedStatusMakesTheDeviceUnknown() throws Exception {
        String device = deviceWithAReading("status-cleared");
        try (DevBrokerPublisher publisher = new DevBrokerPublisher()) {
            publisher.status(device, "offline");
            await().atMost(WITHIN).until(() -> sensorOf(device).getDeviceStatus() == DEVICE_STATUS_OFFLINE);
            Stream one =
                    open(DeviceStatusFilter.newBuilder().setDeviceId(device).build());
            await().atMost(WITHIN).until(() -> !one.statusesOf(device).isEmpty());

            publisher.status(device, "");

            Sensor cleared = await().atMost(WITHIN)
                    .until(() -> sensorOf(device), sensor -> sensor.getDeviceStatus() == DEVICE_STATUS_UNSPECIFIED);
            assertThat(cleared.hasStatusSince()).isFalse();
            await().atMost(WITHIN)
                    .untilAsserted(() -> assertThat(one.statusesOf(device))
                            .containsExactly(DEVICE_STATUS_OFFLINE, DEVICE_STATUS_UNSPECIFIED));
            assertThat(one.last(device).hasSince()).isFalse();
            one.call.cancel("done", null);
        }
    }

    @Test
    void anUnusableFilterIsRefused() {
        assertThatThrownBy(() -> reader().streamDeviceStatuses(DeviceStatusFilter.newBuilder()
                                .setDeviceId("pi\n1")
                                .build())
                        .hasNext())
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("device_id");
                });
    }

    private static String deviceWithAReading(String name) {
        String device = TestReadings.uniqueDevice(name);
        try (TestReadings readings = new TestReadings()) {
            readings.add(
                            device,
                            "t",
                            "temperature",
                            "lab",
                            "°C",
                            20.0,
                            Instant.now().minusSeconds(60))
                    .write();
        }
        return device;
    }

    private Sensor sensorOf(String device) {
        List<Sensor> sensors = reader().listSensors(ListSensorsRequest.newBuilder()
                        .setFilter(ReadingFilter.newBuilder().setDeviceId(device))
                        .build())
                .getSensorsList();
        assertThat(sensors).hasSize(1);
        return sensors.get(0);
    }

    private Stream open(DeviceStatusFilter filter) {
        Stream stream = new Stream();
        asyncReader().streamDeviceStatuses(filter, stream);
        return stream;
    }

    private static final class Stream implements ClientResponseObserver<DeviceStatusFilter, DeviceStatusChange> {

        final List<DeviceStatusChange> received = new CopyOnWriteArrayList<>();
        volatile ClientCallStreamObserver<DeviceStatusFilter> call;

        List<DeviceStatus> statusesOf(String device) {
            return received.stream()
                    .filter(change -> change.getDeviceId().equals(device))
                    .map(DeviceStatusChange::getStatus)
                    .toList();
        }

        DeviceStatusChange last(String device) {
            return received.stream()
                    .filter(change -> change.getDeviceId().equals(device))
                    .reduce((a, b) -> b)
                    .orElseThrow();
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<DeviceStatusFilter> requestStream) {
            call = requestStream;
        }

        @Override
        public void onNext(DeviceStatusChange change) {
            received.add(change);
        }

        @Override
        public void onError(Throwable error) {}

        @Override
        public void onCompleted() {}
    }
}
