package home.connected.alert.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * At most a number of sends per channel within any rolling window (a minute). Used by the single
 * dispatcher thread only, so not synchronised.
 */
final class ChannelRateLimiter {

    private final Duration window;
    private final Map<String, Deque<Instant>> sends = new HashMap<>();

    ChannelRateLimiter(Duration window) {
        this.window = window;
    }

    /** When the channel may send next: {@code now} when it may send at once. */
    Instant nextSlot(String channelId, int limit, Instant now) {
        Deque<Instant> recent = recent(channelId, now);
        if (recent.size() < limit) {
            return now;
        }
        // The slot frees when the oldest send that still blocks leaves the window.
        return recent.stream()
                .skip(recent.size() - limit)
                .findFirst()
                .orElseThrow()
                .plus(window);
    }

    void recordSend(String channelId, Instant at) {
        sends.computeIfAbsent(channelId, id -> new ArrayDeque<>()).addLast(at);
    }

    void clear() {
        sends.clear();
    }

    private Deque<Instant> recent(String channelId, Instant now) {
        Deque<Instant> recent = sends.computeIfAbsent(channelId, id -> new ArrayDeque<>());
        Instant horizon = now.minus(window);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(horizon)) {
            recent.removeFirst();
        }
        return recent;
    }
}
