package home.connected.ingest.pipeline;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/** At most one warning per key and interval; the next one says how many were left out. */
final class RateLimitedLog {

    private final Logger log;
    private final long intervalNanos;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    RateLimitedLog(Logger log, Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
    }

    void warn(String key, String message) {
        Window window = windows.computeIfAbsent(key, k -> new Window());
        long now = System.nanoTime();
        long last = window.lastLogged.get();
        if (last != Long.MIN_VALUE && now - last < intervalNanos) {
            window.suppressed.incrementAndGet();
            return;
        }
        if (window.lastLogged.compareAndSet(last, now)) {
            long suppressed = window.suppressed.getAndSet(0);
            log.warn(suppressed == 0 ? "{}" : "{} ({} more like this not logged)", message, suppressed);
        } else {
            window.suppressed.incrementAndGet();
        }
    }

    private static final class Window {
        final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong suppressed = new AtomicLong();
    }
}
