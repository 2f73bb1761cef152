package home.connected.piagent.clock;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Stamps readings with the time they were taken, and never with a clock that has not been set: a Pi
 * boots in 1970 (or at its last shutdown) until NTP answers. While the clock is not synchronised,
 * readings are held in memory with the monotonic time they were taken; once it is, they are
 * stamped {@code now − (monotonic now − monotonic then)} and released in the order taken. Held
 * readings are in memory only, at most {@code capacity} (oldest dropped first, counted): a power cut
 * before the first sync loses them. A clock that says it is before 2025 counts as not set, whatever
 * the kernel says. Not thread-safe; one caller (the sensor scheduler).
 */
public final class Timestamps<T> {

    /** A reading without its time yet, and a way to give it one. */
    public interface Stampable<T> {
        T at(Instant time);
    }

    /** No clock that says it is earlier than this has been set: such a time is never used. */
    static final Instant EARLIEST = Instant.parse("2025-01-01T00:00:00Z");

    private final ClockSync sync;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final int capacity;
    private final Deque<Held<T>> held = new ArrayDeque<>();
    private long dropped;
    private boolean synced;

    public Timestamps(ClockSync sync, Clock clock, LongSupplier nanoTime, int capacity) {
        this.sync = sync;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.capacity = capacity;
    }

    /**
     * The readings ready to go out, in the order taken: {@code taken} (stamped now) after every
     * held one once the clock is synchronised; nothing while it is not ({@code taken} is then held).
     */
    public List<T> stamp(List<Stampable<T>> taken) {
        long takenAt = nanoTime.getAsLong();
        if (!synced && (!sync.synced() || clock.instant().isBefore(EARLIEST))) {
            for (Stampable<T> reading : taken) {
                if (held.size() == capacity) {
                    held.removeFirst();
                    dropped++;
                }
                held.addLast(new Held<>(reading, takenAt));
            }
            return List.of();
        }
        synced = true; // once set, the clock stays set: NTP only slews it from then on
        Instant now = clock.instant();
        List<T> ready = new ArrayList<>(held.size() + taken.size());
        long nanosNow = nanoTime.getAsLong();
        for (Held<T> reading : held) {
            ready.add(reading.reading.at(now.minusNanos(nanosNow - reading.takenAt)));
        }
        held.clear();
        for (Stampable<T> reading : taken) {
            ready.add(reading.at(now));
        }
        return ready;
    }

    public int heldCount() {
        return held.size();
    }

    /** Held readings dropped because more were taken before the clock was set than {@code capacity}. */
    public long droppedCount() {
        return dropped;
    }

    private record Held<T>(Stampable<T> reading, long takenAt) {}
}
