package home.connected.auth;

import static home.connected.auth.LifecycleTest.catchStatus;
import static home.connected.auth.LifecycleTest.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Empty;
import home.connected.contracts.Topics;
import home.connected.contracts.auth.v1.AuthServiceGrpc;
import home.connected.contracts.auth.v1.Device;
import home.connected.contracts.auth.v1.DeviceCredentials;
import home.connected.contracts.auth.v1.DeviceRef;
import home.connected.contracts.auth.v1.DeviceServiceGrpc;
import home.connected.contracts.auth.v1.ProvisionDeviceRequest;
import home.connected.testing.DevServices;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeviceTest extends AuthServiceIntegrationTest {

    private static final int NOT_AUTHORIZED = 135;
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    /** MQTT 5 PUBACK reasons that mean "accepted": success, and success with nobody subscribed. */
    private static final Integer[] ACCEPTED = {0, 16};

    private final String mqttUrl = DevServices.get().mqttUrl();
    private DeviceServiceGrpc.DeviceServiceBlockingStub devices;

    @BeforeEach
    void signInAsAdmin() {
        String token = AuthServiceGrpc.newBlockingStub(channel())
                .login(login(ADMIN, ADMIN_PASSWORD))
                .getAccessToken();
        devices = withToken(DeviceServiceGrpc.newBlockingStub(channel()), token);
    }

    @Test
    void aProvisionedDevicePublishesOnlyUnderItsOwnTopicsUntilRotatedDisabledAndDeleted() throws Exception {
        String deviceId = unique("pi");
        DeviceCredentials credentials = devices.provisionDevice(ProvisionDeviceRequest.newBuilder()
                .setDeviceId(deviceId)
                .setDisplayName("Kitchen Pi")
                .setLocation("kitchen")
                .build());
        assertThat(credentials.getTopicPrefix()).isEqualTo(Topics.deviceTopicPrefix(deviceId));
        assertThat(credentials.getMqttPassword()).hasSizeGreaterThanOrEqualTo(40);

        MqttAsyncClient device = connect(credentials.getMqttUsername(), credentials.getMqttPassword());
        assertThat(publish(device, credentials.getTopicPrefix() + "readings", "{\"readings\":[]}", false))
                .isIn((Object[]) ACCEPTED);
        assertThat(publish(device, Topics.readings("someone-else"), "{}", false))
                .isEqualTo(NOT_AUTHORIZED);
        assertThat(publish(device, "zigbee2mqtt/" + deviceId, "{}", false)).isEqualTo(NOT_AUTHORIZED);

        assertThat(publish(device, credentials.getTopicPrefix() + "status", "online", true))
                .isIn((Object[]) ACCEPTED);
        await().atMost(PATIENCE)
                .until(() -> listed(deviceId).map(Device::getOnline).orElse(false));
        assertThat(listed(deviceId).orElseThrow().hasLastSeen()).isTrue();
        assertThat(publish(device, credentials.getTopicPrefix() + "status", "", true))
                .isIn((Object[]) ACCEPTED);

        DeviceCredentials rotated = devices.rotateDevicePassword(ref(deviceId));
        assertThat(rotated.getMqttPassword()).isNotEqualTo(credentials.getMqttPassword());
        await().atMost(PATIENCE).until(() -> !device.isConnected());
        assertThatThrownBy(() -> connect(credentials.getMqttUsername(), credentials.getMqttPassword()))
                .isInstanceOf(MqttException.class);
        MqttAsyncClient afterRotation = connect(rotated.getMqttUsername(), rotated.getMqttPassword());
        assertThat(publish(afterRotation, rotated.getTopicPrefix() + "readings", "{}", false))
                .isIn((Object[]) ACCEPTED);

        assertThat(devices.disableDevice(ref(deviceId)).getEnabled()).isFalse();
        await().atMost(PATIENCE).until(() -> !afterRotation.isConnected());
        assertThatThrownBy(() -> connect(rotated.getMqttUsername(), rotated.getMqttPassword()))
                .isInstanceOf(MqttException.class);

        devices.deleteDevice(ref(deviceId));
        assertThat(listed(deviceId)).isEmpty();
        assertThat(catchStatus(() -> devices.rotateDevicePassword(ref(deviceId)))
                        .getStatus()
                        .getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
        device.close(true);
        afterRotation.close(true);
    }

    @Test
    void badDeviceIdsAndDuplicatesAreRefused() {
        for (String bad : new String[] {"", "has/slash", "wild+card", "hash#", "Upper", "x".repeat(65)}) {
            assertThat(catchStatus(() -> devices.provisionDevice(ProvisionDeviceRequest.newBuilder()
                                    .setDeviceId(bad)
                                    .build()))
                            .getStatus()
                            .getCode())
                    .as(bad)
                    .isEqualTo(Status.Code.INVALID_ARGUMENT);
        }
        String deviceId = unique("dup");
        devices.provisionDevice(
                ProvisionDeviceRequest.newBuilder().setDeviceId(deviceId).build());
        try {
            assertThat(catchStatus(() -> devices.provisionDevice(ProvisionDeviceRequest.newBuilder()
                                    .setDeviceId(deviceId)
                                    .build()))
                            .getStatus()
                            .getCode())
                    .isEqualTo(Status.Code.ALREADY_EXISTS);
        } finally {
            devices.deleteDevice(ref(deviceId));
        }
    }

    private Optional<Device> listed(String deviceId) {
        return devices.listDevices(Empty.getDefaultInstance()).getDevicesList().stream()
                .filter(d -> d.getDeviceId().equals(deviceId))
                .findFirst();
    }

    private MqttAsyncClient connect(String username, String password) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(mqttUrl, "test-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(username);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        try {
            client.connect(options).waitForCompletion(10_000);
        } catch (MqttException refused) {
            client.close(true);
            throw refused;
        }
        return client;
    }

    private static int publish(MqttAsyncClient client, String topic, String payload, boolean retained)
            throws MqttException {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, retained, null);
        try {
            IMqttToken token = client.publish(topic, message);
            token.waitForCompletion(10_000);
            int[] codes = token.getReasonCodes();
            return codes == null || codes.length == 0 ? 0 : codes[0];
        } catch (MqttException refused) {
            return refused.getReasonCode();
        }
    }

    private static DeviceRef ref(String deviceId) {
        return DeviceRef.newBuilder().setDeviceId(deviceId).build();
    }
}
