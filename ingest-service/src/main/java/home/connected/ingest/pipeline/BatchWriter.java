package home.connected.ingest.pipeline;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.exceptions.BadRequestException;
import home.connected.ingest.decode.RejectReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes queued messages' readings to InfluxDB. Each writer thread takes whatever is queued, up to
 * the batch size, and writes it at once: a lone reading goes out immediately, a backlog goes out
 * in large batches. A failed write is retried with capped exponential backoff for as long as it
 * takes; meanwhile nothing is acknowledged, the queue fills and the consumer stops taking messages.
 * A message whose readings InfluxDB refuses outright (400, e.g. a field type conflict) is parked as
 * a dead letter with reason {@code write_refused} instead.
 */
final class BatchWriter {

    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

    private final WriteApiBlocking writeApi;
    private final IngestProperties.Writer settings;
    private final IngestMetrics metrics;
    private final StoredAnnouncements announcements;
    private final DeadLetters deadLetters;
    private final BlockingQueue<PendingMessage> queue;
    private final Semaphore queuedReadings;
    /** Guards {@link #queued}, the readings in the queue; the second and further writers wait on it. */
    private final Object backlog = new Object();

    private int queued;
    private final RateLimitedLog failures;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean failing;

    BatchWriter(
            InfluxDBClient influx,
            IngestProperties.Writer settings,
            IngestMetrics metrics,
            StoredAnnouncements announcements,
            DeadLetters deadLetters) {
        this.writeApi = influx.getWriteApiBlocking();
        this.settings = settings;
        this.metrics = metrics;
        this.announcements = announcements;
        this.deadLetters = deadLetters;
        this.queue = new LinkedBlockingQueue<>();
        this.queuedReadings = new Semaphore(settings.queueReadings());
        this.failures = new RateLimitedLog(log, Duration.ofSeconds(10));
    }

    synchronized void start() {
        for (int i = 0; i < settings.threads(); i++) {
            boolean first = i == 0;
            Thread thread = Threads.start("influx-writer-" + i, () -> run(first));
            threads.add(thread);
        }
    }

    /** Stops the writers; what they did not write stays unacknowledged and the broker delivers it again. */
    synchronized void stop() {
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
    }

    /** Waits while the queue is full: that is the back-pressure on the MQTT side. */
    void submit(PendingMessage message) throws InterruptedException {
        queuedReadings.acquire(permits(message));
        queue.add(message);
        synchronized (backlog) {
            queued += message.readings().size();
            if (queued >= settings.maxBatchReadings()) {
                backlog.notifyAll();
            }
        }
    }

    /** A message larger than the whole queue still goes through, alone. */
    private int permits(PendingMessage message) {
        return Math.min(message.readings().size(), settings.queueReadings());
    }

    /** True while the last write attempt failed. */
    boolean failing() {
        return failing;
    }

    /**
     * The first writer writes whatever is queued at once; the others join only while a full batch
     * is waiting, so at a low rate one writer keeps batches large and at a high one InfluxDB gets
     * parallel writes.
     */
    private void run(boolean first) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                if (!first) {
                    awaitFullBatch();
                }
                List<PendingMessage> batch = takeBatch();
                writeUntilDone(batch);
                for (PendingMessage message : batch) {
                    queuedReadings.release(permits(message));
                    message.partDone();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<PendingMessage> takeBatch() throws InterruptedException {
        List<PendingMessage> batch = new ArrayList<>();
        PendingMessage next = queue.take();
        int readings = 0;
        while (next != null) {
            batch.add(next);
            readings += next.readings().size();
            next = readings < settings.maxBatchReadings() ? queue.poll() : null;
        }
        synchronized (backlog) {
            queued -= readings;
        }
        return batch;
    }

    private void awaitFullBatch() throws InterruptedException {
        synchronized (backlog) {
            while (queued < settings.maxBatchReadings()) {
                backlog.wait();
            }
        }
    }

    private void writeUntilDone(List<PendingMessage> batch) throws InterruptedException {
        Duration backoff = settings.initialBackoff();
        while (true) {
            try {
                write(batch);
                failing = false;
                return;
            } catch (BadRequestException e) {
                failing = false;
                writeOneByOne(batch, e);
                return;
            } catch (RuntimeException e) {
                failing = true;
                metrics.writeFailed();
                failures.warn(
                        "write", "InfluxDB write failed, retrying in " + backoff.toMillis() + " ms: " + e.getMessage());
                Thread.sleep(backoff.toMillis());
                backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
            }
        }
    }

    private void write(List<PendingMessage> batch) {
        StringBuilder lines = new StringBuilder(batch.size() * 160);
        int readings = 0;
        for (PendingMessage message : batch) {
            lines.append(message.lines());
            readings += message.readings().size();
        }
        long start = System.nanoTime();
        writeApi.writeRecord(WritePrecision.NS, lines.toString());
        metrics.written(readings, System.nanoTime() - start);
        metrics.stored(batch, Instant.now());
        announcements.announce(batch);
    }

    /**
     * InfluxDB refused the batch as a whole (400): one message is bad for it, for instance a
     * field type conflict. Writing message by message finds it, and only it is parked.
     */
    private void writeOneByOne(List<PendingMessage> batch, BadRequestException refusal) throws InterruptedException {
        if (batch.size() == 1) {
            PendingMessage message = batch.get(0);
            String reason = RejectReason.WRITE_REFUSED.label();
            metrics.rejected(
                    reason, message.received().format(), message.readings().size());
            failures.warn(
                    "refused",
                    "InfluxDB refused the readings of a message on "
                            + message.received().topic() + ": " + refusal.getMessage());
            message.addPart();
            deadLetters.park(
                    message.received(), reason, List.of("InfluxDB: " + refusal.getMessage()), message::partDone);
            return;
        }
        for (PendingMessage message : batch) {
            writeUntilDone(List.of(message));
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
