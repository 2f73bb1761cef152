package home.connected.auth.device;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "devices")
class Device {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String deviceId;
    private boolean enabled;
    private Instant createdAt;
    private String createdBy;

    protected Device() {}

    /** The device's name and room are its place (DevicePlaces), not kept here. */
    Device(String deviceId, String createdBy, Instant createdAt) {
        this.deviceId = deviceId;
        this.enabled = true;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    String getDeviceId() {
        return deviceId;
    }

    boolean isEnabled() {
        return enabled;
    }

    void disable() {
        this.enabled = false;
    }

    Instant getCreatedAt() {
        return createdAt;
    }
}
