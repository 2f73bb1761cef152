package home.connected.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Whether the values it is shown have stayed the same for longer than a quiet time: for waits that
 * end when a count reaches its goal or stops moving, e.g.
 * {@code await().until(() -> count(), n -> n >= expected || stalled.test(n))}. Holds the last value
 * seen, so use one per wait.
 */
public final class Unchanged<T> implements Predicate<T> {

    private final long quietNanos;
    private T last;
    private boolean seen;
    private long lastChange;

    private Unchanged(Duration quiet) {
        this.quietNanos = quiet.toNanos();
    }

    public static <T> Unchanged<T> forLongerThan(Duration quiet) {
        return new Unchanged<>(quiet);
    }

    @Override
    public synchronized boolean test(T value) {
        long now = System.nanoTime();
        if (!seen || !Objects.equals(value, last)) {
            seen = true;
            last = value;
            lastChange = now;
            return false;
        }
        return now - lastChange > quietNanos;
    }
}
