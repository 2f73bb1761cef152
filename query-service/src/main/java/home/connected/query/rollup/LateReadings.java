package home.connected.query.rollup;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The oldest reading stored since the last roll-up pass, from ingest-service's stored announcements: a
 * reading older than what is rolled up already (an agent's buffer sent after an outage) has its windows
 * rolled up again.
 */
@Component
public class LateReadings {

    private final AtomicLong oldestSecond = new AtomicLong(Long.MAX_VALUE);

    public void stored(Timestamp time) {
        long second = time.getSeconds();
        if (second < oldestSecond.get()) {
            oldestSecond.accumulateAndGet(second, Math::min);
        }
    }

    /** The oldest reading heard of since the last call, or null. */
    Instant takeOldest() {
        long second = oldestSecond.getAndSet(Long.MAX_VALUE);
        return second == Long.MAX_VALUE ? null : Instant.ofEpochSecond(second);
    }
}
