package home.connected.piagent.buffer;

import static home.connected.piagent.buffer.Readings.numberOf;
import static home.connected.piagent.buffer.Readings.numbers;
import static home.connected.piagent.buffer.Readings.readings;
import static home.connected.piagent.buffer.Readings.segmentFiles;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadingLogConcurrencyTest {

    private static final int READINGS = 5_000;

    @TempDir
    Path directory;

    @Test
    void aSenderReadsEverythingInOrderWhileTheSensorsAppend() throws Exception {
        BufferLimits limits = BufferLimits.defaults().withSegmentBytes(4096).withSyncInterval(Duration.ofMillis(50));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (ReadingLog log = ReadingLog.open(directory, limits, Clock.systemUTC())) {
            Future<?> sensors = threads.submit(() -> {
                for (int n = 0; n < READINGS; n += 3) {
                    assertThat(log.append(readings(n, Math.min(n + 3, READINGS))))
                            .isTrue();
                }
            });
            Future<List<Integer>> sender = threads.submit(() -> {
                List<Integer> sent = new ArrayList<>();
                Position next = log.firstUnacknowledged();
                while (sent.size() < READINGS) {
                    if (!log.awaitData(next, Duration.ofSeconds(30))) {
                        break;
                    }
                    Batch batch = log.read(next, 50, 16 * 1024);
                    batch.records().forEach(record -> sent.add(numberOf(record)));
                    next = batch.next();
                    log.acknowledge(next);
                    log.stats();
                }
                return sent;
            });

            sensors.get(60, TimeUnit.SECONDS);
            assertThat(sender.get(60, TimeUnit.SECONDS)).containsExactlyElementsOf(numbers(0, READINGS));
            assertThat(log.stats().pendingRecords()).isZero();
            assertThat(segmentFiles(directory)).hasSize(1);
        } finally {
            threads.shutdownNow();
        }
    }
}
