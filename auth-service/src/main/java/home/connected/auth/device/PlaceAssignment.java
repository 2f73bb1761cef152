package home.connected.auth.device;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One version of a device's place: current while {@code replacedAt} is null, history after. */
@Entity
@Table(name = "device_places")
class PlaceAssignment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String deviceId;
    private String displayName;
    private String room;
    private Instant since;
    private Instant replacedAt;
    private String setBy;

    protected PlaceAssignment() {}

    PlaceAssignment(String deviceId, String displayName, String room, Instant since, String setBy) {
        this.deviceId = deviceId;
        this.displayName = displayName;
        this.room = room;
        this.since = since;
        this.setBy = setBy;
    }

    String getDeviceId() {
        return deviceId;
    }

    String getDisplayName() {
        return displayName;
    }

    String getRoom() {
        return room;
    }

    Instant getSince() {
        return since;
    }

    boolean isCurrent() {
        return replacedAt == null;
    }

    boolean sameAs(String displayName, String room) {
        return this.displayName.equals(displayName) && this.room.equals(room);
    }

    void replace(Instant at) {
        this.replacedAt = at;
    }
}
