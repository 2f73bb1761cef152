package home.connected.alert.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** At most a number of sends per channel within any rolling window (a minute). Shared by the dispatcher's senders. */
final class ChannelRateLimiter {

    private final Duration window;
    private final Map<String, Deque<Instant>> sends = new HashMap<>();

    ChannelRateLimiter(Duration window) {
        this.window = window;
    }

    /** When the channel may send next: {@code now} when it may send at once. */
    synchronized Instant nextSlot(String channelId, int limit, Instant now) {
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

    synchronized void recordSend(String channelId, Instant at) {
        sends.computeIfAbsent(channelId, id -> new ArrayDeque<>()).addLast(at);
    }

    synchronized void clear() {
        sends.clear();
    }

    /** Takes a slot: records a send at {@code now} and returns {@code now}, or returns when the next slot frees. */
    synchronized Instant take(String channelId, int limit, Instant now) {
        Instant slot = nextSlot(channelId, limit, now);
        if (!slot.isAfter(now)) {
            recordSend(channelId, now);
        }
        return slot;
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
