package home.connected.piagent.buffer;

import static home.connected.piagent.buffer.Readings.FIVE_READINGS;
import static home.connected.piagent.buffer.Readings.READING_BYTES;
import static home.connected.piagent.buffer.Readings.acknowledgeNext;
import static home.connected.piagent.buffer.Readings.appendEach;
import static home.connected.piagent.buffer.Readings.numbers;
import static home.connected.piagent.buffer.Readings.readings;
import static home.connected.piagent.buffer.Readings.unacknowledged;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadingLogBoundsTest {

    private static final BufferLimits FIVE_PER_SEGMENT =
            BufferLimits.defaults().withSegmentBytes(FIVE_READINGS).withMaxBytes(3 * FIVE_READINGS);

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));

    @TempDir
    Path directory;

    @Test
    void aFullBufferDropsTheOldestSegmentsFirstAndCountsThem() throws IOException {
        try (ReadingLog log = ReadingLog.open(directory, FIVE_PER_SEGMENT, clock)) {
            appendEach(log, 0, 30);

            // Three segments of five fit: the three newest.
            assertThat(unacknowledged(log)).containsExactlyElementsOf(numbers(15, 30));
            BufferStats stats = log.stats();
            assertThat(stats.droppedForSize()).isEqualTo(15);
            assertThat(stats.pendingRecords()).isEqualTo(15);
            assertThat(stats.bytesOnDisk()).isLessThanOrEqualTo(FIVE_PER_SEGMENT.maxBytes());
        }
    }

    @Test
    void readingsAlreadySentAreNotCountedAsDropped() throws IOException {
        try (ReadingLog log = ReadingLog.open(directory, FIVE_PER_SEGMENT, clock)) {
            appendEach(log, 0, 15);
            acknowledgeNext(log, 7);

            appendEach(log, 15, 25);

            // Segments 0-4 (sent, deleted on acknowledgement) and 5-9 (two of them sent) made room.
            assertThat(unacknowledged(log)).containsExactlyElementsOf(numbers(10, 25));
            assertThat(log.stats().droppedForSize()).isEqualTo(3);
        }
    }

    @Test
    void anAppendLargerThanTheWholeBufferIsRefusedAndCounted() throws IOException {
        try (ReadingLog log = ReadingLog.open(directory, FIVE_PER_SEGMENT, clock)) {
            appendEach(log, 0, 3);

            assertThat(log.append(readings(3, 20))).isFalse();

            assertThat(log.stats().droppedForSize()).isEqualTo(17);
            assertThat(unacknowledged(log)).containsExactlyElementsOf(numbers(0, 3));
        }
    }

    @Test
    void segmentsWithNothingNewerThanMaxAgeAreDroppedAndCounted() throws IOException {
        try (ReadingLog log = ReadingLog.open(directory, FIVE_PER_SEGMENT.withMaxBytes(100 * FIVE_READINGS), clock)) {
            appendEach(log, 0, 20); // four full segments
            acknowledgeNext(log, 5); // the first is deleted as sent
            clock.advance(Duration.ofDays(29));
            appendEach(log, 20, 21);
            assertThat(log.stats().droppedForAge()).isZero();

            clock.advance(Duration.ofDays(2));
            appendEach(log, 21, 22);

            assertThat(unacknowledged(log)).containsExactly(20, 21);
            BufferStats stats = log.stats();
            assertThat(stats.droppedForAge()).isEqualTo(15);
            assertThat(stats.droppedForSize()).isZero();
            assertThat(stats.oldestPendingAge()).isEqualTo(Duration.ofDays(2));
        }
    }

    @Test
    void theSegmentBeingWrittenExpiresToo() throws IOException {
        try (ReadingLog log = ReadingLog.open(directory, BufferLimits.defaults(), clock)) {
            appendEach(log, 0, 3);
            clock.advance(Duration.ofDays(31));

            appendEach(log, 3, 4);

            assertThat(unacknowledged(log)).containsExactly(3);
            assertThat(log.stats().droppedForAge()).isEqualTo(3);
        }
    }

    @Test
    void oldSegmentsExpireOnOpen() throws IOException {
        try (ReadingLog log = ReadingLog.open(directory, FIVE_PER_SEGMENT, clock)) {
            appendEach(log, 0, 7);
        }
        clock.advance(Duration.ofDays(31));

        try (ReadingLog log = ReadingLog.open(directory, FIVE_PER_SEGMENT, clock)) {
            assertThat(unacknowledged(log)).isEmpty();
            assertThat(log.stats().droppedForAge()).isEqualTo(7);
            appendEach(log, 7, 8);
            assertThat(unacknowledged(log)).containsExactly(7);
        }
    }

    @Test
    void aWeekOfTenSensorsFitsTheDefaultBufferWithRoomToSpare() throws IOException {
        int readings = 7 * 24 * 60 * 10;
        try (ReadingLog log = ReadingLog.open(directory, BufferLimits.defaults(), clock)) {
            for (int n = 0; n < readings; n++) {
                if (n % 10 == 0) {
                    clock.advance(Duration.ofMinutes(1));
                }
                assertThat(log.append(List.of(Readings.reading(n)))).isTrue();
            }

            BufferStats stats = log.stats();
            assertThat(stats.pendingRecords()).isEqualTo(readings);
            assertThat(stats.droppedForSize()).isZero();
            assertThat(stats.droppedForAge()).isZero();
            assertThat(stats.bytesOnDisk()).isLessThan(BufferLimits.defaults().maxBytes() / 4);
            assertThat(stats.oldestPendingAge()).isEqualTo(Duration.ofDays(7).minusMinutes(1));
        }
        assertThat(READING_BYTES).isEqualTo(120);
    }
}
