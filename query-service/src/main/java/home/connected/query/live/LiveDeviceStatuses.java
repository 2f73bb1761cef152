package home.connected.query.live;

import home.connected.contracts.query.v1.DeviceStatusChange;
import home.connected.contracts.query.v1.DeviceStatusFilter;
import home.connected.query.QueryProperties;
import home.connected.query.influx.InfluxQl;
import home.connected.query.status.DeviceStatuses;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.grpc.server.lifecycle.GrpcServerShutdownEvent;
import org.springframework.stereotype.Component;

/**
 * The open StreamDeviceStatuses calls: each gets the statuses known when it opens, then every
 * change, bounded and ended like the live readings.
 */
@Component
public class LiveDeviceStatuses {

    private final Set<LiveSubscription<DeviceStatusChange>> subscriptions = ConcurrentHashMap.newKeySet();
    private final QueryProperties.Limits limits;
    private final QueryProperties.Live settings;
    private final DeviceStatuses statuses;

    LiveDeviceStatuses(QueryProperties properties, DeviceStatuses statuses) {
        this.limits = properties.limits();
        this.settings = properties.live();
        this.statuses = statuses;
    }

    /** Registers the call; statuses flow until the client cancels, falls behind, or the server stops. */
    public void subscribe(DeviceStatusFilter request, StreamObserver<DeviceStatusChange> responses) {
        String device = request.getDeviceId();
        InfluxQl.requireUsable("device_id", device, limits.maxNameLength());
        ServerCallStreamObserver<DeviceStatusChange> observer =
                (ServerCallStreamObserver<DeviceStatusChange>) responses;
        if (subscriptions.size() >= settings.maxSubscribers()) {
            throw Status.RESOURCE_EXHAUSTED
                    .withDescription("too many device status streams are open; try again later")
                    .asRuntimeException();
        }
        // Room for every status known now on top of the usual buffer, so the first ones never overflow it.
        LiveSubscription<DeviceStatusChange> subscription = new LiveSubscription<>(
                change -> device.isEmpty() || device.equals(change.getDeviceId()),
                observer,
                settings.subscriberBuffer() + statuses.count(),
                this::ended);
        observer.setOnCancelHandler(subscription::cancelled);
        observer.setOnReadyHandler(subscription::drain);
        subscriptions.add(subscription);
        statuses.follow(subscription);
    }

    int open() {
        return subscriptions.size();
    }

    private void ended(LiveSubscription<DeviceStatusChange> subscription) {
        statuses.unfollow(subscription);
        subscriptions.remove(subscription);
    }

    /** As the live readings: open streams end first, so that they do not hold up a graceful shutdown. */
    @EventListener(GrpcServerShutdownEvent.class)
    void endAll() {
        Status stopping = Status.UNAVAILABLE.withDescription("the service is stopping; reconnect");
        subscriptions.forEach(subscription -> subscription.end(stopping));
    }
}
