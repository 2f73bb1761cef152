package home.connected.query.status;

import com.google.protobuf.util.Timestamps;
import home.connected.contracts.query.v1.DeviceStatus;
import home.connected.contracts.query.v1.DeviceStatusChange;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every device's status from its retained {@code connected-home/v1/devices/{id}/status} message
 * ({@code online} or {@code offline}, the agents' last will), with the time this service saw it
 * change; a status the broker hands over from its store on subscribing has no time, since when
 * it was published is not known (else every device would seem to change when this service starts).
 * An empty message (the retained status cleared) makes the device unknown again; any other
 * payload changes nothing. The same status again keeps its time: a resubscription brings every
 * retained status anew.
 */
@Component
public class DeviceStatuses {

    private static final Logger log = LoggerFactory.getLogger(DeviceStatuses.class);
    private static final int LOGGED_PAYLOAD_CHARS = 40;

    private final Map<String, DeviceStatusChange> known = new ConcurrentHashMap<>();
    private final Set<Consumer<DeviceStatusChange>> followers = ConcurrentHashMap.newKeySet();
    private final Clock clock;

    public DeviceStatuses(Clock clock) {
        this.clock = clock;
    }

    /** The device's status now: unspecified, without a time, when never heard or cleared. */
    public DeviceStatusChange of(String deviceId) {
        DeviceStatusChange status = known.get(deviceId);
        return status != null ? status : unknown(deviceId);
    }

    /** How many devices have a known status. */
    public int count() {
        return known.size();
    }

    /** Takes a device's status message as it is published; a change goes to every follower. */
    public void apply(String deviceId, byte[] payload) {
        apply(deviceId, payload, false);
    }

    /**
     * Takes a device's status message; a change goes to every follower.
     *
     * @param stored the broker delivered it from its retained store (on subscribing), not as published
     */
    public synchronized void apply(String deviceId, byte[] payload, boolean stored) {
        DeviceStatus status = parse(payload);
        if (status == null) {
            log.warn(
                    "status of device {} ignored: \"{}\" is neither online nor offline",
                    printable(deviceId),
                    printable(new String(payload, StandardCharsets.UTF_8)));
            return;
        }
        DeviceStatusChange previous = known.get(deviceId);
        DeviceStatusChange change;
        if (status == DeviceStatus.DEVICE_STATUS_UNSPECIFIED) {
            if (previous == null) {
                return;
            }
            known.remove(deviceId);
            change = unknown(deviceId);
        } else {
            if (previous != null && previous.getStatus() == status) {
                return;
            }
            DeviceStatusChange.Builder next =
                    DeviceStatusChange.newBuilder().setDeviceId(deviceId).setStatus(status);
            if (!stored) {
                next.setSince(Timestamps.fromMillis(clock.millis()));
            }
            change = next.build();
            known.put(deviceId, change);
        }
        followers.forEach(follower -> follower.accept(change));
    }

    /**
     * Gives the follower every known status now, then every change until {@link #unfollow}. Done
     * while no change is taken, so none is missed and none comes before the one it replaces. The
     * follower must not block: it is called on the broker connection's thread.
     */
    public synchronized void follow(Consumer<DeviceStatusChange> follower) {
        followers.add(follower);
        known.values().forEach(follower);
    }

    public void unfollow(Consumer<DeviceStatusChange> follower) {
        followers.remove(follower);
    }

    /** null for a payload that is no status. */
    private static DeviceStatus parse(byte[] payload) {
        if (payload.length == 0) {
            return DeviceStatus.DEVICE_STATUS_UNSPECIFIED;
        }
        return switch (new String(payload, StandardCharsets.UTF_8).strip()) {
            case "online" -> DeviceStatus.DEVICE_STATUS_ONLINE;
            case "offline" -> DeviceStatus.DEVICE_STATUS_OFFLINE;
            default -> null;
        };
    }

    private static DeviceStatusChange unknown(String deviceId) {
        return DeviceStatusChange.newBuilder().setDeviceId(deviceId).build();
    }

    /** For a log line: short, without control characters (a device may publish anything). */
    private static String printable(String text) {
        String cut = text.length() > LOGGED_PAYLOAD_CHARS ? text.substring(0, LOGGED_PAYLOAD_CHARS) + "…" : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
