package home.connected.piagent.sensor;

import java.io.InterruptedIOException;
import java.time.Duration;

/** Waits between the steps of a read; tests pass one that returns at once. */
@FunctionalInterface
interface Pause {

    Pause REAL = duration -> {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a sensor");
        }
    };

    void pause(Duration duration) throws InterruptedIOException;
}
