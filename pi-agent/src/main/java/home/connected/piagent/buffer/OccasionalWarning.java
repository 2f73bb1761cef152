package home.connected.piagent.buffer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/** A WARN that repeats at most once per interval, telling how many were held back meanwhile. */
final class OccasionalWarning {

    private final Logger log;
    private final Clock clock;
    private final Duration interval;
    private Instant lastLogged;
    private long heldBack;

    OccasionalWarning(Logger log, Clock clock, Duration interval) {
        this.log = log;
        this.clock = clock;
        this.interval = interval;
    }

    /** Logs {@code message} unless one was logged within the interval; tells whether it was. */
    synchronized boolean warn(String message) {
        Instant now = clock.instant();
        boolean due = lastLogged == null || now.isBefore(lastLogged) || !now.isBefore(lastLogged.plus(interval));
        if (!due) {
            heldBack++;
            return false;
        }
        if (heldBack > 0) {
            log.warn("{} ({} more like it since the last warning)", message, heldBack);
        } else {
            log.warn(message);
        }
        lastLogged = now;
        heldBack = 0;
        return true;
    }
}
