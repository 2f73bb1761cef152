package home.connected.piagent.clock;

import static org.assertj.core.api.Assertions.assertThat;

import home.connected.piagent.clock.Timestamps.Stampable;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class TimestampsTest {

    private static final Instant BOOT = Instant.parse("1970-01-01T00:00:12Z");
    private static final Instant NTP = Instant.parse("2026-12-02T10:00:00Z");

    private final AtomicBoolean synced = new AtomicBoolean();
    private final AtomicReference<Instant> wallClock = new AtomicReference<>(BOOT);
    private final AtomicLong monotonic = new AtomicLong(5_000_000_000L);
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return wallClock.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };

    @Test
    void readingsBeforeTheClockIsSetAreHeldThenStampedWhenTheyWereTaken() {
        Timestamps<String> timestamps = new Timestamps<>(synced::get, clock, monotonic::get, 100);

        assertThat(timestamps.stamp(List.of(reading("a")))).isEmpty();
        advanceSeconds(10);
        assertThat(timestamps.stamp(List.of(reading("b")))).isEmpty();
        assertThat(timestamps.heldCount()).isEqualTo(2);

        advanceSeconds(10);
        wallClock.set(NTP);
        synced.set(true);
        List<String> ready = timestamps.stamp(List.of(reading("c")));

        assertThat(ready).containsExactly("a@" + NTP.minusSeconds(20), "b@" + NTP.minusSeconds(10), "c@" + NTP);
        assertThat(timestamps.heldCount()).isZero();
    }

    @Test
    void aClockBefore2025IsNotTrustedWhateverTheKernelSays() {
        synced.set(true);
        Timestamps<String> timestamps = new Timestamps<>(synced::get, clock, monotonic::get, 100);

        assertThat(timestamps.stamp(List.of(reading("a")))).isEmpty();

        wallClock.set(NTP);
        assertThat(timestamps.stamp(List.of(reading("b")))).hasSize(2).allMatch(r -> !r.contains("1970"));
    }

    @Test
    void onceSetTheClockStaysTrusted() {
        synced.set(true);
        wallClock.set(NTP);
        Timestamps<String> timestamps = new Timestamps<>(synced::get, clock, monotonic::get, 100);
        assertThat(timestamps.stamp(List.of(reading("a")))).containsExactly("a@" + NTP);

        synced.set(false); // the NTP server went away: the clock keeps its time
        assertThat(timestamps.stamp(List.of(reading("b")))).containsExactly("b@" + NTP);
    }

    @Test
    void heldReadingsAreBoundedOldestDroppedAndCounted() {
        Timestamps<String> timestamps = new Timestamps<>(synced::get, clock, monotonic::get, 2);

        for (String name : List.of("a", "b", "c")) {
            timestamps.stamp(List.of(reading(name)));
            advanceSeconds(1);
        }
        assertThat(timestamps.droppedCount()).isEqualTo(1);

        wallClock.set(NTP);
        synced.set(true);
        assertThat(timestamps.stamp(List.of())).containsExactly("b@" + NTP.minusSeconds(2), "c@" + NTP.minusSeconds(1));
    }

    private void advanceSeconds(long seconds) {
        monotonic.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
        wallClock.set(wallClock.get().plusSeconds(seconds));
    }

    private static Stampable<String> reading(String name) {
        return time -> name + "@" + time;
    }
}
