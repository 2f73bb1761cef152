package home.connected.auth.device;

import home.connected.contracts.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the whole current mapping of devices to names and rooms, with the rooms each device
 * had before, retained, on {@link Topics#PLACES}: at start, after every (re)connect and after
 * every committed change. One thread reads the mapping fresh each time, so the last message sent
 * is never older than the last change; a failed publish is tried again until one goes through.
 */
@Component
class PlacesPublisher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PlacesPublisher.class);
    private static final long RETRY_SECONDS = 5;

    private final PlaceAssignmentRepository assignments;
    private final BrokerConnection broker;
    private final DynamicSecurity dynamicSecurity;
    private final String adminUser;
    private final JsonMapper json;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "places-publisher");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile boolean allowed;

    PlacesPublisher(
            PlaceAssignmentRepository assignments,
            BrokerConnection broker,
            DynamicSecurity dynamicSecurity,
            BrokerConnection.Properties properties,
            JsonMapper json) {
        this.assignments = assignments;
        this.broker = broker;
        this.dynamicSecurity = dynamicSecurity;
        this.adminUser = properties.adminUser();
        this.json = json;
        broker.onConnected(() -> {
            allowed = false; // checked again: the broker may have lost its state, the grant with it
            changed();
        });
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        changed();
    }

    /** Asks for a publish of the current mapping; several requests in a row become one message. */
    void changed() {
        if (pending.compareAndSet(false, true)) {
            worker.execute(this::publish);
        }
    }

    /**
     * The payload, ordered by device id: each device's current place and, under {@code rooms}, the
     * room of every version, oldest first, versions in the same room as the one before merged
     * into it (a new name is no move). {@code versions}: every stored version, by device id and
     * then in the order they were made.
     * <pre>{"places":[{"deviceId","displayName","room","since","rooms":[{"room","since"}]}]}</pre>
     */
    String payload(List<PlaceAssignment> versions) {
        Map<String, List<PlaceAssignment>> byDevice = new LinkedHashMap<>();
        versions.forEach(version -> byDevice.computeIfAbsent(version.getDeviceId(), id -> new ArrayList<>())
                .add(version));
        List<Map<String, Object>> places = new ArrayList<>();
        byDevice.forEach((deviceId, history) -> history.stream()
                .filter(PlaceAssignment::isCurrent)
                .findFirst()
                .ifPresent(current -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("deviceId", deviceId);
                    entry.put("displayName", current.getDisplayName());
                    entry.put("room", current.getRoom());
                    entry.put("since", current.getSince().toString());
                    entry.put("rooms", rooms(history));
                    places.add(entry);
                }));
        return json.writeValueAsString(Map.of("places", places));
    }

    private static List<Map<String, String>> rooms(List<PlaceAssignment> history) {
        List<Map<String, String>> rooms = new ArrayList<>();
        String previous = null;
        for (PlaceAssignment version : history) {
            if (!version.getRoom().equals(previous)) {
                rooms.add(Map.of(
                        "room", version.getRoom(), "since", version.getSince().toString()));
                previous = version.getRoom();
            }
        }
        return rooms;
    }

    private void publish() {
        pending.set(false);
        if (!broker.connection().connected()) {
            return; // the next connect asks again
        }
        try {
            if (!allowed) {
                allowed = dynamicSecurity.allowPublishingPlaces(adminUser);
                if (!allowed) {
                    log.info(
                            "granted role {} to {} for publishing the device places",
                            DynamicSecurity.PLACES_ROLE,
                            adminUser);
                    retryLater(); // the broker ends the session of a client whose roles changed
                    return;
                }
            }
            broker.publish(Topics.PLACES, payload(assignments.findAllByOrderByDeviceIdAscIdAsc()), true);
        } catch (RuntimeException e) {
            log.warn("publishing the device places failed, trying again in {} s: {}", RETRY_SECONDS, e.toString());
            retryLater();
        }
    }

    private void retryLater() {
        if (pending.compareAndSet(false, true)) {
            worker.schedule(this::publish, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
