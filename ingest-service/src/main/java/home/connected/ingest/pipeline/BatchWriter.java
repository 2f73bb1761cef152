package home.connected.ingest.pipeline;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.exceptions.BadRequestException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes queued messages' readings to InfluxDB. Each writer thread takes whatever is queued, up to
 * the batch size, and writes it at once: a lone reading goes out immediately, a backlog goes out
 * in large batches. A failed write is retried with capped exponential backoff for as long as it
 * takes; meanwhile nothing is acknowledged, the queue fills and the consumer stops taking messages.
 */
final class BatchWriter {

    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

    private final WriteApiBlocking writeApi;
    private final IngestProperties.Writer settings;
    private final IngestMetrics metrics;
    private final BlockingQueue<PendingMessage> queue;
    private final RateLimitedLog failures;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean failing;

    BatchWriter(InfluxDBClient influx, IngestProperties.Writer settings, IngestMetrics metrics) {
        this.writeApi = influx.getWriteApiBlocking();
        this.settings = settings;
        this.metrics = metrics;
        this.queue = new LinkedBlockingQueue<>(settings.queueMessages());
        this.failures = new RateLimitedLog(log, Duration.ofSeconds(10));
    }

    synchronized void start() {
        for (int i = 0; i < settings.threads(); i++) {
            Thread thread = Threads.start("influx-writer-" + i, this::run);
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
        queue.put(message);
    }

    /** True while the last write attempt failed. */
    boolean failing() {
        return failing;
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<PendingMessage> batch = takeBatch();
                writeUntilDone(batch);
                batch.forEach(PendingMessage::partDone);
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
            readings += next.readings();
            next = readings < settings.maxBatchReadings() ? queue.poll() : null;
        }
        return batch;
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
            readings += message.readings();
        }
        long start = System.nanoTime();
        writeApi.writeRecord(WritePrecision.NS, lines.toString());
        metrics.written(readings, System.nanoTime() - start);
        batch.forEach(PendingMessage::stored);
    }

    /**
     * InfluxDB refused the batch as a whole (400): one message is bad for it, for instance a
     * field type conflict. Writing message by message finds it, and only it is dropped.
     */
    private void writeOneByOne(List<PendingMessage> batch, BadRequestException first) throws InterruptedException {
        if (batch.size() == 1) {
            metrics.rejected("write_refused", batch.get(0).readings());
            failures.warn("refused", "InfluxDB refused a message's readings, dropped: " + first.getMessage());
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
