package home.connected.auth.device;

import static java.time.Instant.EPOCH;
import static java.time.temporal.ChronoUnit.NANOS;

import com.google.protobuf.util.Timestamps;
import home.connected.access.ApiException;
import home.connected.auth.audit.AuditLog;
import home.connected.auth.grpc.Caller;
import home.connected.auth.grpc.Validation;
import home.connected.auth.token.Secrets;
import home.connected.contracts.Topics;
import home.connected.contracts.auth.v1.DeviceCredentials;
import home.connected.contracts.auth.v1.ListDevicesResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Devices and their broker credentials. The row is written (and flushed, so a duplicate fails)
 * before the broker is changed; a broker refusal rolls the row back, and a row that fails to
 * commit after the broker changed has its broker client removed again.
 */
@Service
class Devices {

    private final DeviceRepository devices;
    private final DevicePlaces places;
    private final DynamicSecurity dynamicSecurity;
    private final DeviceStatusBoard statusBoard;
    private final AuditLog audit;
    private final Clock clock;

    Devices(
            DeviceRepository devices,
            DevicePlaces places,
            DynamicSecurity dynamicSecurity,
            DeviceStatusBoard statusBoard,
            AuditLog audit,
            Clock clock) {
        this.devices = devices;
        this.places = places;
        this.dynamicSecurity = dynamicSecurity;
        this.statusBoard = statusBoard;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    DeviceCredentials provision(String deviceId, String displayName, String location) {
        Validation.deviceId(deviceId);
        DevicePlaces.Place place = DevicePlaces.Place.checked(displayName, location);
        if (devices.existsByDeviceId(deviceId)) {
            throw taken(deviceId);
        }
        Device device;
        try {
            device = devices.saveAndFlush(new Device(deviceId, Caller.username(), clock.instant()));
        } catch (DataIntegrityViolationException e) {
            throw taken(deviceId);
        }
        places.provisioned(deviceId, place);
        String password = Secrets.newSecret();
        dynamicSecurity.createDeviceClient(deviceId, password);
        undoOnRollback(() -> dynamicSecurity.deleteQuietly(deviceId));
        audit.record("device.provisioned", "device:" + deviceId, "");
        return credentials(device, password);
    }

    @Transactional
    DeviceCredentials rotatePassword(String deviceId) {
        Device device = existing(deviceId);
        String password = Secrets.newSecret();
        dynamicSecurity.replacePassword(deviceId, password, device.isEnabled());
        audit.record("device.password_rotated", "device:" + deviceId, "");
        return credentials(device, password);
    }

    @Transactional
    home.connected.contracts.auth.v1.Device disable(String deviceId) {
        Device device = existing(deviceId);
        device.disable();
        devices.flush();
        dynamicSecurity.disable(deviceId);
        audit.record("device.disabled", "device:" + deviceId, "");
        return message(device);
    }

    @Transactional
    void delete(String deviceId) {
        Device device = existing(deviceId);
        devices.delete(device);
        devices.flush();
        dynamicSecurity.delete(deviceId);
        audit.record("device.deleted", "device:" + deviceId, "");
    }

    @Transactional(readOnly = true)
    ListDevicesResponse list() {
        ListDevicesResponse.Builder answer = ListDevicesResponse.newBuilder();
        List<Device> all = devices.findAllByOrderByDeviceIdAsc();
        Map<String, PlaceAssignment> current =
                places.currentOf(all.stream().map(Device::getDeviceId).toList());
        all.forEach(
                device -> answer.addDevices(message(device, Optional.ofNullable(current.get(device.getDeviceId())))));
        return answer.build();
    }

    private Device existing(String deviceId) {
        Validation.deviceId(deviceId);
        return devices.findByDeviceId(deviceId)
                .orElseThrow(() -> ApiException.notFound("device '" + deviceId + "' does not exist"));
    }

    private DeviceCredentials credentials(Device device, String password) {
        return DeviceCredentials.newBuilder()
                .setDevice(message(device))
                .setMqttUsername(DynamicSecurity.clientName(device.getDeviceId()))
                .setMqttPassword(password)
                .setTopicPrefix(Topics.deviceTopicPrefix(device.getDeviceId()))
                .build();
    }

    private home.connected.contracts.auth.v1.Device message(Device device) {
        return message(device, places.currentOf(device.getDeviceId()));
    }

    /** Name and room come from the device's current place; without a name, the id is the name. */
    private home.connected.contracts.auth.v1.Device message(Device device, Optional<PlaceAssignment> place) {
        String name = place.map(PlaceAssignment::getDisplayName).orElse("");
        home.connected.contracts.auth.v1.Device.Builder message = home.connected.contracts.auth.v1.Device.newBuilder()
                .setDeviceId(device.getDeviceId())
                .setDisplayName(name.isEmpty() ? device.getDeviceId() : name)
                .setLocation(place.map(PlaceAssignment::getRoom).orElse(""))
                .setEnabled(device.isEnabled())
                .setCreatedAt(Timestamps.fromNanos(NANOS.between(EPOCH, device.getCreatedAt())));
        statusBoard
                .of(device.getDeviceId())
                .ifPresent(seen -> message.setOnline(seen.online())
                        .setLastSeen(Timestamps.fromNanos(NANOS.between(EPOCH, seen.at()))));
        return message.build();
    }

    private static void undoOnRollback(Runnable undo) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_ROLLED_BACK) {
                    undo.run();
                }
            }
        });
    }

    private static ApiException taken(String deviceId) {
        return ApiException.alreadyExists("device '" + deviceId + "' already exists");
    }
}
