package home.connected.piagent.buffer;

import static home.connected.piagent.buffer.Readings.FIVE_READINGS;
import static home.connected.piagent.buffer.Readings.acknowledgeNext;
import static home.connected.piagent.buffer.Readings.appendEach;
import static home.connected.piagent.buffer.Readings.crashImage;
import static home.connected.piagent.buffer.Readings.numbers;
import static home.connected.piagent.buffer.Readings.segmentFiles;
import static home.connected.piagent.buffer.Readings.unacknowledged;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadingLogRecoveryTest {

    private static final long FRAME = RecordFormat.framedSize(Readings.READING_BYTES);
    private static final BufferLimits FIVE_PER_SEGMENT = BufferLimits.defaults().withSegmentBytes(FIVE_READINGS);

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));

    @TempDir
    Path directory;

    @Test
    void aLastRecordCutShortIsDroppedAndAppendsGoOnAfterTheRecordBefore() throws IOException {
        Path segment = segmentWithTenReadings();
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 50);
        }

        assertRecoversNineOfTen();
    }

    @Test
    void aLastRecordWithABadChecksumIsDropped() throws IOException {
        Path segment = segmentWithTenReadings();
        flipByte(segment, Files.size(segment) - 10);

        assertRecoversNineOfTen();
    }

    @Test
    void garbageAfterTheLastRecordIsCutOff() throws IOException {
        Path segment = segmentWithTenReadings();
        Files.write(segment, new byte[] {0, 0, 0, 7, 1, 2, 3}, StandardOpenOption.APPEND);

        try (ReadingLog log = ReadingLog.open(directory, BufferLimits.defaults(), clock)) {
            assertThat(log.stats().corruptRecordsSkipped()).isEqualTo(1);
            assertThat(unacknowledged(log)).containsExactlyElementsOf(numbers(0, 10));
        }
        assertThat(Files.size(segment)).isEqualTo(RecordFormat.FILE_HEADER_BYTES + 10 * FRAME);
    }

    @Test
    void aSegmentFileCutInsideItsHeaderStartsAfresh() throws IOException {
        try (ReadingLog log = ReadingLog.open(directory, FIVE_PER_SEGMENT, clock)) {
            appendEach(log, 0, 5);
        }
        // A crash right after the next segment file was created
        Files.write(directory.resolve(Segment.fileName(5)), new byte[] {'C', 'H'});

        try (ReadingLog log = ReadingLog.open(directory, FIVE_PER_SEGMENT, clock)) {
            assertThat(log.stats().corruptRecordsSkipped()).isZero();
            appendEach(log, 5, 6);
            assertThat(unacknowledged(log)).containsExactlyElementsOf(numbers(0, 6));
        }
    }

    @Test
    void aCorruptRecordInAnOlderSegmentSkipsTheRestOfThatSegmentOnly() throws IOException {
        try (ReadingLog log = ReadingLog.open(directory, FIVE_PER_SEGMENT, clock)) {
            appendEach(log, 0, 15);
        }
        Path first = segmentFiles(directory).get(0);
        flipByte(first, RecordFormat.FILE_HEADER_BYTES + FRAME + 30); // inside reading 1

        try (ReadingLog log = ReadingLog.open(directory, FIVE_PER_SEGMENT, clock)) {
            List<Integer> expected = new ArrayList<>(List.of(0));
            expected.addAll(numbers(5, 15));
            assertThat(unacknowledged(log)).containsExactlyElementsOf(expected);
            assertThat(log.stats().corruptRecordsSkipped()).isEqualTo(4);
            assertThat(log.stats().pendingRecords()).isEqualTo(11);
        }
    }

    @Test
    void damageFoundWhileReadingSkipsTheRestOfThatSegment() throws IOException {
        try (ReadingLog log = ReadingLog.open(directory, FIVE_PER_SEGMENT, clock)) {
            appendEach(log, 0, 12);
            flipByte(segmentFiles(directory).get(1), RecordFormat.FILE_HEADER_BYTES + 2 * FRAME + 30);

            List<Integer> expected = new ArrayList<>(numbers(0, 7));
            expected.addAll(numbers(10, 12));
            assertThat(unacknowledged(log)).containsExactlyElementsOf(expected);
            assertThat(log.stats().corruptRecordsSkipped()).isEqualTo(3);
            assertThat(unacknowledged(log)).as("the damage is counted once").containsExactlyElementsOf(expected);
            assertThat(log.stats().corruptRecordsSkipped()).isEqualTo(3);
        }
    }

    @Test
    void damageInTheSegmentBeingWrittenIsCutOffAndAppendsGoOn() throws IOException {
        try (ReadingLog log = ReadingLog.open(directory, BufferLimits.defaults(), clock)) {
            appendEach(log, 0, 5);
            flipByte(segmentFiles(directory).get(0), RecordFormat.FILE_HEADER_BYTES + 3 * FRAME + 30);

            assertThat(unacknowledged(log)).containsExactlyElementsOf(numbers(0, 3));
            appendEach(log, 5, 7);

            assertThat(unacknowledged(log)).containsExactly(0, 1, 2, 5, 6);
            assertThat(log.stats().corruptRecordsSkipped()).isEqualTo(2);
        }
        try (ReadingLog log = ReadingLog.open(directory, BufferLimits.defaults(), clock)) {
            assertThat(unacknowledged(log)).containsExactly(0, 1, 2, 5, 6);
            assertThat(log.stats().corruptRecordsSkipped()).isZero();
        }
    }

    @Test
    void aCrashBeforeTheAcknowledgementWasPersistedResendsFromThePersistedPoint() throws IOException {
        BufferLimits limits = BufferLimits.defaults().withSyncInterval(Duration.ofSeconds(1));
        try (ReadingLog log = ReadingLog.open(directory, limits, clock)) {
            appendEach(log, 0, 10);
            acknowledgeNext(log, 3); // the first acknowledgement is persisted at once
            acknowledgeNext(log, 4); // within the second: it waits

            Path crashed = crashImage(directory, directory.resolve("crashed"));
            try (ReadingLog recovered = ReadingLog.open(crashed, limits, clock)) {
                assertThat(recovered.firstUnacknowledged().sequence()).isEqualTo(3);
                assertThat(unacknowledged(recovered)).containsExactlyElementsOf(numbers(3, 10));
            }

            clock.advance(Duration.ofSeconds(1));
            acknowledgeNext(log, 1);
            Path later = crashImage(directory, directory.resolve("later"));
            try (ReadingLog recovered = ReadingLog.open(later, limits, clock)) {
                assertThat(unacknowledged(recovered)).containsExactlyElementsOf(numbers(8, 10));
            }
        }
    }

    @Test
    void closingPersistsTheLatestAcknowledgement() throws IOException {
        BufferLimits limits = BufferLimits.defaults().withSyncInterval(Duration.ofSeconds(1));
        try (ReadingLog log = ReadingLog.open(directory, limits, clock)) {
            appendEach(log, 0, 10);
            acknowledgeNext(log, 3);
            acknowledgeNext(log, 4);
        }
        try (ReadingLog log = ReadingLog.open(directory, limits, clock)) {
            assertThat(unacknowledged(log)).containsExactlyElementsOf(numbers(7, 10));
        }
    }

    @Test
    void anAcknowledgementPastTheEndOfTheLogNeverCoversNewReadings() throws IOException {
        // A power cut can leave the acknowledged point persisted but the last readings' bytes unwritten.
        try (ReadingLog log = ReadingLog.open(directory, BufferLimits.defaults(), clock)) {
            appendEach(log, 0, 10);
        }
        Files.writeString(directory.resolve(AcknowledgementFile.FILE_NAME), "20\n");

        try (ReadingLog log = ReadingLog.open(directory, BufferLimits.defaults(), clock)) {
            assertThat(log.stats().pendingRecords()).isZero();
            appendEach(log, 10, 12);

            assertThat(log.firstUnacknowledged().sequence()).isEqualTo(20);
            assertThat(unacknowledged(log)).containsExactly(10, 11);
        }
    }

    @Test
    void anUnreadableAcknowledgementResendsEverything() throws IOException {
        try (ReadingLog log = ReadingLog.open(directory, BufferLimits.defaults(), clock)) {
            appendEach(log, 0, 10);
            acknowledgeNext(log, 6);
        }
        Files.writeString(directory.resolve(AcknowledgementFile.FILE_NAME), "not a number");
        Files.writeString(directory.resolve(AcknowledgementFile.FILE_NAME + ".tmp"), "7");

        try (ReadingLog log = ReadingLog.open(directory, BufferLimits.defaults(), clock)) {
            assertThat(unacknowledged(log)).containsExactlyElementsOf(numbers(0, 10));
        }
        assertThat(directory.resolve(AcknowledgementFile.FILE_NAME + ".tmp")).doesNotExist();
    }

    private Path segmentWithTenReadings() throws IOException {
        try (ReadingLog log = ReadingLog.open(directory, BufferLimits.defaults(), clock)) {
            appendEach(log, 0, 10);
        }
        List<Path> segments = segmentFiles(directory);
        assertThat(segments).hasSize(1);
        return segments.get(0);
    }

    private void assertRecoversNineOfTen() throws IOException {
        try (ReadingLog log = ReadingLog.open(directory, BufferLimits.defaults(), clock)) {
            assertThat(log.stats().corruptRecordsSkipped()).isEqualTo(1);
            assertThat(unacknowledged(log)).containsExactlyElementsOf(numbers(0, 9));
            appendEach(log, 10, 12);
            assertThat(unacknowledged(log)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11);
        }
        try (ReadingLog log = ReadingLog.open(directory, BufferLimits.defaults(), clock)) {
            assertThat(log.stats().corruptRecordsSkipped()).isZero();
            assertThat(unacknowledged(log)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11);
        }
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ 0x5A));
            one.rewind();
            channel.write(one, offset);
        }
    }
}
