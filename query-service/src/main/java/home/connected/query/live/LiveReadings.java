package home.connected.query.live;

import home.connected.contracts.query.v1.Reading;
import home.connected.contracts.query.v1.ReadingFilter;
import home.connected.query.QueryProperties;
import home.connected.query.filter.SensorFilter;
import home.connected.query.place.DevicePlaces;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.grpc.server.lifecycle.GrpcServerShutdownEvent;
import org.springframework.stereotype.Component;

/** The open StreamReadings calls, and the fan-out of every stored reading to those whose filter it matches. */
@Component
public class LiveReadings {

    private final Set<LiveSubscription<Reading>> subscriptions = ConcurrentHashMap.newKeySet();
    private final QueryProperties.Limits limits;
    private final QueryProperties.Live settings;
    private final DevicePlaces places;

    LiveReadings(QueryProperties properties, DevicePlaces places) {
        this.limits = properties.limits();
        this.settings = properties.live();
        this.places = places;
    }

    /** Registers the call; readings flow until the client cancels, falls behind, or the server stops. */
    public void subscribe(ReadingFilter request, StreamObserver<Reading> responses) {
        SensorFilter filter = SensorFilter.of(request, limits.maxNameLength());
        ServerCallStreamObserver<Reading> observer = (ServerCallStreamObserver<Reading>) responses;
        if (subscriptions.size() >= settings.maxSubscribers()) {
            throw Status.RESOURCE_EXHAUSTED
                    .withDescription("too many live streams are open; try again later")
                    .asRuntimeException();
        }
        LiveSubscription<Reading> subscription = new LiveSubscription<>(
                reading -> filter.matches(
                        reading.getKey().getDeviceId(),
                        reading.getKey().getSensor(),
                        reading.getKey().getQuantity(),
                        reading.getLocation(),
                        reading.getRoom(),
                        reading.getDeviceName()),
                observer,
                settings.subscriberBuffer(),
                subscriptions::remove);
        observer.setOnCancelHandler(subscription::cancelled);
        observer.setOnReadyHandler(subscription::drain);
        subscriptions.add(subscription);
    }

    /** Fans a stored reading out with its device's name and room as they are now. */
    void publish(Reading stored) {
        DevicePlaces.Placement placement = places.of(stored.getKey().getDeviceId(), stored.getLocation());
        Reading reading = stored.toBuilder()
                .setRoom(placement.room())
                .setDeviceName(placement.deviceName())
                .build();
        for (LiveSubscription<Reading> subscription : subscriptions) {
            subscription.accept(reading);
        }
    }

    int open() {
        return subscriptions.size();
    }

    /** Open streams would hold up a graceful shutdown; they end first, and clients reconnect elsewhere. */
    @EventListener(GrpcServerShutdownEvent.class)
    void endAll() {
        Status stopping = Status.UNAVAILABLE.withDescription("the service is stopping; reconnect");
        subscriptions.forEach(subscription -> subscription.end(stopping));
    }
}
