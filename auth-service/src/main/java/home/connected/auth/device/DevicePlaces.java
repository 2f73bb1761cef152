package home.connected.auth.device;

import static java.time.Instant.EPOCH;
import static java.time.temporal.ChronoUnit.MICROS;
import static java.time.temporal.ChronoUnit.NANOS;

import com.google.protobuf.util.Timestamps;
import home.connected.access.ApiException;
import home.connected.auth.audit.AuditLog;
import home.connected.auth.grpc.Caller;
import home.connected.auth.grpc.Validation;
import home.connected.contracts.auth.v1.DevicePlace;
import home.connected.contracts.auth.v1.ListDevicePlacesResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Every device's display name and room, versioned: a change closes the current assignment and
 * adds a new one. The one place of these facts, provisioned devices' included; after each
 * committed change the whole mapping is published again.
 */
@Service
class DevicePlaces {

    static final int MAX_TEXT = 64;

    private final PlaceAssignmentRepository assignments;
    private final PlacesPublisher publisher;
    private final AuditLog audit;
    private final Clock clock;

    DevicePlaces(PlaceAssignmentRepository assignments, PlacesPublisher publisher, AuditLog audit, Clock clock) {
        this.assignments = assignments;
        this.publisher = publisher;
        this.audit = audit;
        this.clock = clock;
    }

    /** Checked name and room: at most 64 characters each, no control characters, surrounding blanks dropped. */
    record Place(String displayName, String room) {

        static Place checked(String displayName, String room) {
            return new Place(
                    Validation.text("display_name", displayName, MAX_TEXT), Validation.text("room", room, MAX_TEXT));
        }

        boolean isEmpty() {
            return displayName.isEmpty() && room.isEmpty();
        }
    }

    @Transactional
    DevicePlace set(String deviceId, String displayName, String room) {
        Validation.anyDeviceId(deviceId);
        return message(assign(deviceId, Place.checked(displayName, room)));
    }

    /**
     * A newly provisioned device's first place. With neither name nor room given, a place the id
     * already had (a third-party device of that id, or an earlier device) stays.
     */
    @Transactional
    void provisioned(String deviceId, Place place) {
        if (place.isEmpty()
                && assignments.findByDeviceIdAndReplacedAtIsNull(deviceId).isPresent()) {
            return;
        }
        assign(deviceId, place);
    }

    @Transactional(readOnly = true)
    ListDevicePlacesResponse list() {
        ListDevicePlacesResponse.Builder answer = ListDevicePlacesResponse.newBuilder();
        current().forEach(assignment -> answer.addPlaces(message(assignment)));
        return answer.build();
    }

    @Transactional(readOnly = true)
    List<PlaceAssignment> current() {
        return assignments.findByReplacedAtIsNullOrderByDeviceIdAsc();
    }

    @Transactional(readOnly = true)
    Map<String, PlaceAssignment> currentOf(List<String> deviceIds) {
        return assignments.findByDeviceIdInAndReplacedAtIsNull(deviceIds).stream()
                .collect(Collectors.toMap(PlaceAssignment::getDeviceId, Function.identity()));
    }

    @Transactional(readOnly = true)
    Optional<PlaceAssignment> currentOf(String deviceId) {
        return assignments.findByDeviceIdAndReplacedAtIsNull(deviceId);
    }

    /** Setting the place a device already has changes nothing: no new version, no audit event. */
    private PlaceAssignment assign(String deviceId, Place place) {
        Optional<PlaceAssignment> current = assignments.findByDeviceIdAndReplacedAtIsNull(deviceId);
        if (current.isPresent() && current.get().sameAs(place.displayName(), place.room())) {
            return current.get();
        }
        Instant now = clock.instant().truncatedTo(MICROS); // what DATETIME(6) keeps
        PlaceAssignment next;
        try {
            current.ifPresent(previous -> {
                previous.replace(now);
                assignments.saveAndFlush(previous);
            });
            next = assignments.saveAndFlush(
                    new PlaceAssignment(deviceId, place.displayName(), place.room(), now, Caller.username()));
        } catch (DataIntegrityViolationException e) {
            throw ApiException.failedPrecondition(
                    "the place of device '" + deviceId + "' was changed at the same time; try again");
        }
        audit.record(
                "device.place_set",
                "device:" + deviceId,
                "display_name=" + quoted(place.displayName()) + " room=" + quoted(place.room()));
        publishAfterCommit();
        return next;
    }

    private void publishAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                publisher.changed();
            }
        });
    }

    static DevicePlace message(PlaceAssignment assignment) {
        return DevicePlace.newBuilder()
                .setDeviceId(assignment.getDeviceId())
                .setDisplayName(assignment.getDisplayName())
                .setRoom(assignment.getRoom())
                .setSince(Timestamps.fromNanos(NANOS.between(EPOCH, assignment.getSince())))
                .build();
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }
}
