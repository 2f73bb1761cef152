package home.connected.piagent.buffer;

import static home.connected.piagent.buffer.Readings.FIVE_READINGS;
import static home.connected.piagent.buffer.Readings.acknowledgeNext;
import static home.connected.piagent.buffer.Readings.appendEach;
import static home.connected.piagent.buffer.Readings.numberOf;
import static home.connected.piagent.buffer.Readings.numbers;
import static home.connected.piagent.buffer.Readings.reading;
import static home.connected.piagent.buffer.Readings.readings;
import static home.connected.piagent.buffer.Readings.segmentFiles;
import static home.connected.piagent.buffer.Readings.unacknowledged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadingLogTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));

    @TempDir
    Path directory;

    @Test
    void readsBackWhatWasAppendedAndForgetsWhatWasAcknowledged() throws IOException {
        try (ReadingLog log = ReadingLog.open(directory, BufferLimits.defaults(), clock)) {
            Position start = log.firstUnacknowledged();
            assertThat(log.read(start, 10, 1024).isEmpty()).isTrue();

            assertThat(log.append(readings(0, 3))).isTrue();
            Batch batch = log.read(start, 10, 64 * 1024);

            assertThat(batch.records()).containsExactly(reading(0), reading(1), reading(2));
            assertThat(log.stats().pendingRecords()).isEqualTo(3);
            log.acknowledge(batch.next());
            assertThat(log.stats().pendingRecords()).isZero();
            assertThat(log.firstUnacknowledged()).isEqualTo(batch.next());
            assertThat(log.read(batch.next(), 10, 1024).isEmpty()).isTrue();
        }
    }

    @Test
    void aBatchStopsAtItsRecordOrByteLimit() throws IOException {
        try (ReadingLog log = ReadingLog.open(directory, BufferLimits.defaults(), clock)) {
            log.append(readings(0, 10));
            Position start = log.firstUnacknowledged();

            assertThat(log.read(start, 3, 64 * 1024).records()).hasSize(3);
            assertThat(log.read(start, 100, 4 * Readings.READING_BYTES + 10).records())
                    .hasSize(4);
            assertThat(log.read(start, 100, 1).records())
                    .as("a record larger than the byte limit comes alone")
                    .hasSize(1);

            Batch first = log.read(start, 100, 4 * Readings.READING_BYTES + 10);
            Batch second = log.read(first.next(), 100, 64 * 1024);
            assertThat(second.records().stream().map(Readings::numberOf)).containsExactlyElementsOf(numbers(4, 10));
        }
    }

    @Test
    void aRestartKeepsWhatWasNotAcknowledged() throws IOException {
        try (ReadingLog log = ReadingLog.open(directory, BufferLimits.defaults(), clock)) {
            appendEach(log, 0, 10);
            acknowledgeNext(log, 4);
        }
        try (ReadingLog log = ReadingLog.open(directory, BufferLimits.defaults(), clock)) {
            assertThat(log.firstUnacknowledged().sequence()).isEqualTo(4);
            assertThat(unacknowledged(log)).containsExactlyElementsOf(numbers(4, 10));
            assertThat(log.stats().pendingRecords()).isEqualTo(6);

            appendEach(log, 10, 12);
            acknowledgeNext(log, 8);
        }
        try (ReadingLog log = ReadingLog.open(directory, BufferLimits.defaults(), clock)) {
            assertThat(unacknowledged(log)).isEmpty();
            assertThat(log.stats().pendingRecords()).isZero();
            assertThat(log.firstUnacknowledged().sequence()).isEqualTo(12);
            appendEach(log, 12, 13);
            assertThat(unacknowledged(log)).containsExactly(12);
        }
    }

    @Test
    void keepsOrderAcrossManySegmentsAndDeletesThemOnceAcknowledged() throws IOException {
        BufferLimits limits = BufferLimits.defaults().withSegmentBytes(4096);
        try (ReadingLog log = ReadingLog.open(directory, limits, clock)) {
            for (int n = 0; n < 3_000; n += 7) {
                assertThat(log.append(readings(n, Math.min(n + 7, 3_000)))).isTrue();
            }
            assertThat(segmentFiles(directory)).hasSizeGreaterThan(50);
            assertThat(unacknowledged(log)).containsExactlyElementsOf(numbers(0, 3_000));

            List<Integer> sent = new ArrayList<>();
            Position next = log.firstUnacknowledged();
            for (Batch batch = log.read(next, 100, 64 * 1024);
                    !batch.isEmpty();
                    batch = log.read(next, 100, 64 * 1024)) {
                batch.records().forEach(record -> sent.add(numberOf(record)));
                next = batch.next();
                log.acknowledge(next);
            }

            assertThat(sent).containsExactlyElementsOf(numbers(0, 3_000));
            assertThat(segmentFiles(directory)).hasSize(1);
            assertThat(log.stats().pendingRecords()).isZero();
            assertThat(log.stats().bytesOnDisk()).isLessThanOrEqualTo(4096);
        }
    }

    @Test
    void readsFromTheOldestRecordLeftWhenItsPositionWasDeleted() throws IOException {
        BufferLimits limits =
                BufferLimits.defaults().withSegmentBytes(FIVE_READINGS).withMaxBytes(3 * FIVE_READINGS);
        try (ReadingLog log = ReadingLog.open(directory, limits, clock)) {
            Position start = log.firstUnacknowledged();
            appendEach(log, 0, 30);

            Batch batch = log.read(start, 3, 64 * 1024);

            assertThat(batch.records().stream().map(Readings::numberOf)).containsExactly(15, 16, 17);
            assertThat(log.firstUnacknowledged().sequence()).isEqualTo(15);
        }
    }

    @Test
    void tellsHowLongTheOldestPendingReadingHasWaited() throws IOException {
        try (ReadingLog log = ReadingLog.open(directory, BufferLimits.defaults(), clock)) {
            assertThat(log.stats().oldestPendingAge()).isZero();
            appendEach(log, 0, 2);
            clock.advance(Duration.ofMinutes(5));
            appendEach(log, 2, 4);
            clock.advance(Duration.ofMinutes(1));
            assertThat(log.stats().oldestPendingAge()).isEqualTo(Duration.ofMinutes(6));

            acknowledgeNext(log, 2);

            assertThat(log.stats().oldestPendingAge()).isEqualTo(Duration.ofMinutes(1));
            assertThat(log.stats().bytesOnDisk())
                    .isEqualTo(RecordFormat.FILE_HEADER_BYTES + 4 * RecordFormat.framedSize(Readings.READING_BYTES));
        }
    }

    @Test
    void awaitDataWakesUpForAnAppend() throws Exception {
        try (ReadingLog log = ReadingLog.open(directory, BufferLimits.defaults(), clock)) {
            Position start = log.firstUnacknowledged();
            assertThat(log.awaitData(start, Duration.ZERO)).isFalse();

            CompletableFuture<Boolean> awaited = CompletableFuture.supplyAsync(() -> {
                try {
                    return log.awaitData(start, Duration.ofMinutes(1));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            log.append(List.of(reading(0)));

            assertThat(awaited.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(log.awaitData(start, Duration.ZERO)).isTrue();
        }
    }

    @Test
    void awaitDataReturnsWhenTheLogCloses() throws Exception {
        ReadingLog log = ReadingLog.open(directory, BufferLimits.defaults(), clock);
        Position start = log.firstUnacknowledged();
        CompletableFuture<Boolean> awaited = CompletableFuture.supplyAsync(() -> {
            try {
                return log.awaitData(start, Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        log.close();

        assertThat(awaited.get(30, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void oneDirectoryIsOneLog() throws IOException {
        try (ReadingLog log = ReadingLog.open(directory, BufferLimits.defaults(), clock)) {
            assertThatThrownBy(() -> ReadingLog.open(directory, BufferLimits.defaults(), clock))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("in use");
        }
        ReadingLog.open(directory, BufferLimits.defaults(), clock).close();
    }

    @Test
    void refusesToAcknowledgeWhatWasNeverAppended() throws IOException {
        try (ReadingLog log = ReadingLog.open(directory, BufferLimits.defaults(), clock)) {
            appendEach(log, 0, 2);
            Position end = log.read(log.firstUnacknowledged(), 10, 1024).next();
            log.acknowledge(end);
            log.acknowledge(new Position(1, 0));

            assertThat(log.firstUnacknowledged()).isEqualTo(end);
            assertThatThrownBy(() -> log.acknowledge(new Position(5, 0))).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
