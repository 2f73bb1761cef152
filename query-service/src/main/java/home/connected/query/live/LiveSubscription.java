package home.connected.query.live;

import home.connected.contracts.query.v1.Reading;
import home.connected.query.filter.SensorFilter;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One open StreamReadings call: matching readings wait in a bounded queue and are sent while the
 * transport is ready. Whoever offers or gets the ready signal drains, one at a time, so the MQTT
 * thread never waits for a client; a client that lets the queue fill up is ended with
 * RESOURCE_EXHAUSTED instead.
 */
final class LiveSubscription {

    private final SensorFilter filter;
    private final ServerCallStreamObserver<Reading> observer;
    private final Queue<Reading> queue;
    private final Consumer<LiveSubscription> onEnd;
    private final AtomicInteger drains = new AtomicInteger();

    private volatile Status ending;
    private volatile boolean ended;

    LiveSubscription(
            SensorFilter filter,
            ServerCallStreamObserver<Reading> observer,
            int buffer,
            Consumer<LiveSubscription> onEnd) {
        this.filter = filter;
        this.observer = observer;
        this.queue = new ArrayBlockingQueue<>(buffer);
        this.onEnd = onEnd;
    }

    void offer(Reading reading) {
        if (ended
                || !filter.matches(
                        reading.getKey().getDeviceId(),
                        reading.getKey().getSensor(),
                        reading.getKey().getQuantity(),
                        reading.getLocation(),
                        reading.getRoom(),
                        reading.getDeviceName())) {
            return;
        }
        if (!queue.offer(reading)) {
            end(Status.RESOURCE_EXHAUSTED.withDescription(
                    "the stream fell too far behind and was closed; read faster or narrow the filter, then reconnect"));
            return;
        }
        drain();
    }

    /** Ends the call with this status (once; later calls change nothing). */
    void end(Status status) {
        if (ending == null) {
            ending = status;
        }
        drain();
    }

    /** The client went away. */
    void cancelled() {
        ended = true;
        queue.clear();
        onEnd.accept(this);
    }

    void drain() {
        if (drains.getAndIncrement() != 0) {
            return;
        }
        do {
            if (ended) {
                queue.clear();
            } else if (ending != null) {
                ended = true;
                queue.clear();
                observer.onError(ending.asRuntimeException());
                onEnd.accept(this);
            } else {
                Reading next;
                while (observer.isReady() && ending == null && (next = queue.poll()) != null) {
                    observer.onNext(next);
                }
            }
        } while (drains.decrementAndGet() != 0);
    }
}
