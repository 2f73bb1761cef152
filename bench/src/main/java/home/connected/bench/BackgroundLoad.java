package home.connected.bench;

import home.connected.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Readings at a steady rate on sensors no rule watches, ten per message over ten devices, on a thread of
 * its own until stopped: the traffic the measured alerts flow through.
 */
final class BackgroundLoad implements AutoCloseable {

    private static final int READINGS_PER_MESSAGE = 10;
    private static final int DEVICES = 10;

    private final Publishers publishers;
    private final String devicePrefix;
    private final int readingsPerSecond;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong acknowledged = new AtomicLong();
    private Thread thread;
    private long startNanos;
    private long endNanos;

    BackgroundLoad(Publishers publishers, String devicePrefix, int readingsPerSecond) {
        this.publishers = publishers;
        this.devicePrefix = devicePrefix;
        this.readingsPerSecond = readingsPerSecond;
    }

    /** Starts publishing, for at most {@code maxSeconds}. */
    void start(int maxSeconds) {
        if (readingsPerSecond <= 0) {
            return;
        }
        long interval = TimeUnit.SECONDS.toNanos(1) * READINGS_PER_MESSAGE / readingsPerSecond;
        int messages = (int) Math.min(Integer.MAX_VALUE, (long) readingsPerSecond * maxSeconds / READINGS_PER_MESSAGE);
        startNanos = System.nanoTime();
        thread = new Thread(
                () -> {
                    try {
                        acknowledged.set(publishers.publish(
                                messages,
                                i -> {
                                    LockSupport.parkNanos(startNanos + i * interval - System.nanoTime());
                                    return new Publishers.Message(
                                            Topics.readings(devicePrefix + (i % DEVICES)), payload(i));
                                },
                                stop::get));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "background-load");
        thread.start();
    }

    /** Stops and returns what the broker acknowledged, e.g. "10,000 readings in 10.0 s (1,000 readings/s)". */
    String stop() throws InterruptedException {
        if (thread == null) {
            return "no background load";
        }
        stop.set(true);
        thread.join(TimeUnit.SECONDS.toMillis(30));
        endNanos = System.nanoTime();
        thread = null;
        double seconds = (endNanos - startNanos) / 1e9;
        long readings = acknowledged.get() * READINGS_PER_MESSAGE;
        return String.format(
                "background load: %,d readings acknowledged by the broker in %.1f s (%,.0f readings/s)",
                readings, seconds, readings / seconds);
    }

    @Override
    public void close() throws InterruptedException {
        if (thread != null) {
            stop();
        }
    }

    private static byte[] payload(int message) {
        StringBuilder json = new StringBuilder(1100).append("{\"readings\":[");
        String ts = Instant.now().toString();
        for (int r = 0; r < READINGS_PER_MESSAGE; r++) {
            json.append(r == 0 ? "" : ",")
                    .append("{\"sensor\":\"load")
                    .append(r)
                    .append("\",\"quantity\":\"temperature\",\"value\":")
                    .append(15 + message % 10)
                    .append(",\"unit\":\"°C\",\"ts\":\"")
                    .append(ts)
                    .append("\"}");
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
