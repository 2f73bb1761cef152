package home.connected.piagent.buffer;

import static home.connected.piagent.buffer.Readings.FIVE_READINGS;
import static home.connected.piagent.buffer.Readings.appendEach;
import static home.connected.piagent.buffer.Readings.numbers;
import static home.connected.piagent.buffer.Readings.reading;
import static home.connected.piagent.buffer.Readings.readings;
import static home.connected.piagent.buffer.Readings.segmentFiles;
import static home.connected.piagent.buffer.Readings.unacknowledged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadingLogFullDiskTest {

    private static final long FRAME = RecordFormat.framedSize(Readings.READING_BYTES);

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
    private final FaultyDisk disk = new FaultyDisk();

    @TempDir
    Path directory;

    @Test
    void aFailedWriteIsRefusedAndLeavesNoPartOfItsRecords() throws IOException {
        try (ReadingLog log = ReadingLog.open(directory, BufferLimits.defaults(), clock, disk)) {
            appendEach(log, 0, 3);
            disk.fillUp();

            assertThat(log.append(readings(3, 5))).isFalse();
            assertThat(log.append(List.of(reading(5)))).isFalse();

            assertThat(log.stats().refusedForFullDisk()).isEqualTo(3);
            assertThat(unacknowledged(log)).containsExactlyElementsOf(numbers(0, 3));
            assertThat(Files.size(segmentFiles(directory).get(0)))
                    .isEqualTo(RecordFormat.FILE_HEADER_BYTES + 3 * FRAME);

            disk.repair();
            appendEach(log, 6, 7);
            assertThat(unacknowledged(log)).containsExactly(0, 1, 2, 6);
        }
        try (ReadingLog log = ReadingLog.open(directory, BufferLimits.defaults(), clock)) {
            assertThat(log.stats().corruptRecordsSkipped()).isZero();
            assertThat(unacknowledged(log)).containsExactly(0, 1, 2, 6);
        }
    }

    @Test
    void whenCuttingBackFailsTooTheHalfWrittenBytesStayUnreadableAndGoBeforeTheNextAppend() throws IOException {
        try (ReadingLog log = ReadingLog.open(directory, BufferLimits.defaults(), clock, disk)) {
            appendEach(log, 0, 3);
            disk.fillUp();
            disk.makeTruncateFail();

            assertThat(log.append(readings(3, 8))).isFalse();
            assertThat(unacknowledged(log)).containsExactlyElementsOf(numbers(0, 3));

            disk.repair();
            appendEach(log, 8, 9);
            assertThat(unacknowledged(log)).containsExactly(0, 1, 2, 8);
        }
        try (ReadingLog log = ReadingLog.open(directory, BufferLimits.defaults(), clock)) {
            assertThat(log.stats().corruptRecordsSkipped()).isZero();
            assertThat(unacknowledged(log)).containsExactly(0, 1, 2, 8);
        }
    }

    @Test
    void aNewSegmentThatCannotBeCreatedLeavesTheCurrentOneInUse() throws IOException {
        BufferLimits limits = BufferLimits.defaults().withSegmentBytes(FIVE_READINGS);
        try (ReadingLog log = ReadingLog.open(directory, limits, clock, disk)) {
            appendEach(log, 0, 5);
            disk.fillUp();

            assertThat(log.append(List.of(reading(5)))).isFalse();
            assertThat(segmentFiles(directory)).hasSize(1);

            disk.repair();
            appendEach(log, 6, 8);
            assertThat(unacknowledged(log)).containsExactly(0, 1, 2, 3, 4, 6, 7);
        }
    }

    @Test
    void aRealFullDiskRefusesAppendsUntilThereIsRoomAgain(@TempDir Path mountPoint) throws Exception {
        assumeTrue(mountTinyTmpfs(mountPoint), "no tmpfs can be mounted here");
        try {
            Path buffer = mountPoint.resolve("buffer");
            BufferLimits limits =
                    BufferLimits.defaults().withSegmentBytes(16 * 1024).withSyncInterval(Duration.ZERO);
            List<Integer> stored = new ArrayList<>();
            try (ReadingLog log = ReadingLog.open(buffer, limits, clock)) {
                int n = 0;
                while (n < 10_000 && log.append(List.of(reading(n)))) {
                    stored.add(n++);
                }
                assertThat(stored).as("what fits in 256 KiB").hasSizeBetween(1000, 2000);
                assertThat(log.append(List.of(reading(n + 1)))).isFalse();
                assertThat(log.stats().refusedForFullDisk()).isEqualTo(2);
                assertThat(unacknowledged(log)).containsExactlyElementsOf(stored);

                // The broker takes all but the newest 100: their segments go, and appends fit again.
                log.acknowledge(log.read(log.firstUnacknowledged(), stored.size() - 100, Integer.MAX_VALUE)
                        .next());
                assertThat(log.append(List.of(reading(20_000)))).isTrue();
                stored = new ArrayList<>(stored.subList(stored.size() - 100, stored.size()));
                stored.add(20_000);
                assertThat(unacknowledged(log)).containsExactlyElementsOf(stored);
            }
            try (ReadingLog log = ReadingLog.open(buffer, limits, clock)) {
                assertThat(log.stats().corruptRecordsSkipped()).isZero();
                assertThat(unacknowledged(log)).containsExactlyElementsOf(stored);
            }
        } finally {
            run("umount", mountPoint.toString());
        }
    }

    private static boolean mountTinyTmpfs(Path mountPoint) {
        return run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mountPoint.toString());
    }

    private static boolean run(String... command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
