package home.connected.query.live;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One open live stream (StreamReadings or StreamDeviceStatuses): the messages it wants wait in a
 * bounded queue and are sent while the transport is ready. Whoever offers or gets the ready signal
 * drains, one at a time, so the MQTT thread never waits for a client; a client that lets the
 * queue fill up is ended with RESOURCE_EXHAUSTED instead.
 */
final class LiveSubscription<T> implements Consumer<T> {

    private final Predicate<? super T> wanted;
    private final ServerCallStreamObserver<T> observer;
    private final Queue<T> queue;
    private final Consumer<LiveSubscription<T>> onEnd;
    private final AtomicInteger drains = new AtomicInteger();

    private volatile Status ending;
    private volatile boolean ended;

    LiveSubscription(
            Predicate<? super T> wanted,
            ServerCallStreamObserver<T> observer,
            int buffer,
            Consumer<LiveSubscription<T>> onEnd) {
        this.wanted = wanted;
        this.observer = observer;
        this.queue = new ArrayBlockingQueue<>(buffer);
        this.onEnd = onEnd;
    }

    /** Queues the message when the stream wants it, and sends what the transport takes. */
    @Override
    public void accept(T message) {
        if (ended || !wanted.test(message)) {
            return;
        }
        if (!queue.offer(message)) {
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
                T next;
                while (observer.isReady() && ending == null && (next = queue.poll()) != null) {
                    observer.onNext(next);
                }
            }
        } while (drains.decrementAndGet() != 0);
    }
}
