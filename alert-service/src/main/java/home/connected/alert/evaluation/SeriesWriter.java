package home.connected.alert.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes series rows (and then the watermark) to MariaDB on a thread of its own, in the order the
 * evaluation thread handed them over, so a checkpoint of thousands of series never holds up
 * evaluation. Losing queued rows in a crash loses nothing: events and notifications are written
 * before, keyed, and the watermark only follows the rows it covers, so the next leader replays the
 * readings since and arrives at the same transitions, whose events are already there.
 */
final class SeriesWriter implements AutoCloseable {

    private final SeriesRepository repository;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread writer = new Thread(task, "alert-series-writer");
        writer.setDaemon(true);
        return writer;
    });
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    SeriesWriter(SeriesRepository repository) {
        this.repository = repository;
    }

    /** Queues the rows and, when given, the watermark they make complete. */
    void write(List<SeriesRow> rows, Instant now, Instant watermark) {
        if (rows.isEmpty() && watermark == null) {
            return;
        }
        thread.execute(() -> {
            if (failure.get() != null) {
                return;
            }
            try {
                repository.save(rows, now);
                if (watermark != null) {
                    repository.watermark(watermark);
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        });
    }

    /** Throws what a write met, so evaluation starts over from what MariaDB holds. */
    void check() {
        RuntimeException failed = failure.get();
        if (failed != null) {
            throw failed;
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
