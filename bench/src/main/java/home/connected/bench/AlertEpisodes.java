package home.connected.bench;

import home.connected.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Threshold alerts, one episode after another over many sensors of one device: publish a value above the
 * threshold (its publish time noted), await the firing notification at the receiver, publish a value back
 * below threshold − hysteresis, await the resolved one; a sensor starts its next episode only once the last
 * resolved. Episodes start at a steady rate, so they overlap without waiting on each other.
 */
final class AlertEpisodes {

    static final double THRESHOLD = 30;
    static final double HYSTERESIS = 1;
    static final double FIRING_VALUE = 35;
    static final double RESOLVED_VALUE = 20;

    /**
     * What one run measured, in nanoseconds, sorted; {@code toStored} and {@code storedToFiring} split the
     * firing times at the stored announcement when it was watched.
     */
    record Result(
            List<Long> firing,
            List<Long> resolved,
            List<Long> toStored,
            List<Long> storedToFiring,
            int started,
            int lost,
            int unresolved,
            int late,
            double seconds) {

        /** Where the time went: "publish → stored p50 …; stored → webhook p50 …", or empty. */
        String split() {
            if (toStored.isEmpty()) {
                return "";
            }
            return String.format(
                    "publish → stored announcement (ingest, InfluxDB) p50 %.1f ms, p99 %.1f ms; stored announcement →"
                            + " webhook received (alert-service) p50 %.1f ms, p99 %.1f ms (%d split)",
                    Percentiles.millis(toStored, 0.50),
                    Percentiles.millis(toStored, 0.99),
                    Percentiles.millis(storedToFiring, 0.50),
                    Percentiles.millis(storedToFiring, 0.99),
                    toStored.size());
        }

        String summary(String what) {
            return String.format(
                    "%s: %d of %d firing notifications received, p50 %.1f ms, p99 %.1f ms, max %.1f ms"
                            + " (lost %d, never resolved %d, starts delayed by a busy sensor %d, %.1f s);"
                            + " resolved: p50 %.1f ms, p99 %.1f ms",
                    what,
                    firing.size(),
                    started,
                    Percentiles.millis(firing, 0.50),
                    Percentiles.millis(firing, 0.99),
                    Percentiles.millis(firing, 1.0),
                    lost,
                    unresolved,
                    late,
                    seconds,
                    Percentiles.millis(resolved, 0.50),
                    Percentiles.millis(resolved, 0.99));
        }
    }

    private static final long IDLE = 0;
    private static final long FIRING = 1;
    private static final long RESOLVING = 2;
    private static final long EPISODE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Publishers publishers;
    private final String device;
    private final String path;
    private final int sensors;
    private final long[] state;
    private final long[] since;
    private final long[] storedAt;
    private final AtomicLong lastTs = new AtomicLong();
    private final ExecutorService publishing = Executors.newSingleThreadExecutor();
    private final List<Long> firing = new ArrayList<>();
    private final List<Long> resolved = new ArrayList<>();
    private final List<Long> toStored = new ArrayList<>();
    private final List<Long> storedToFiring = new ArrayList<>();
    private final AtomicInteger lost = new AtomicInteger();
    private volatile boolean counting;

    /**
     * @param device the device whose sensors {@code s0..s(sensors-1)} the rules watch
     * @param path the receiver path the notifications of this run arrive at
     */
    AlertEpisodes(Publishers publishers, String device, String path, int sensors) {
        this.publishers = publishers;
        this.device = device;
        this.path = path;
        this.sensors = sensors;
        this.state = new long[sensors];
        this.since = new long[sensors];
        this.storedAt = new long[sensors];
    }

    static String sensor(int index) {
        return "s" + index;
    }

    /** For the receiver: a notification of this run's device moves its sensor on. */
    void received(WebhookReceiver.Received alert) {
        if (!alert.path().equals(path)
                || !alert.device().equals(device)
                || !alert.sensor().startsWith("s")) {
            return;
        }
        int index = index(alert.sensor());
        if (index < 0) {
            return;
        }
        synchronized (this) {
            if (alert.status().equals("firing") && state[index] == FIRING) {
                if (counting) {
                    firing.add(alert.arrivedNanos() - since[index]);
                    if (storedAt[index] != 0) {
                        toStored.add(storedAt[index] - since[index]);
                        storedToFiring.add(alert.arrivedNanos() - storedAt[index]);
                    }
                }
                state[index] = RESOLVING;
                since[index] = System.nanoTime();
                publishing.execute(() -> publish(index, RESOLVED_VALUE));
            } else if (alert.status().equals("resolved") && state[index] == RESOLVING) {
                if (counting) {
                    resolved.add(alert.arrivedNanos() - since[index]);
                }
                state[index] = IDLE;
            }
        }
    }

    /** For a watcher of the device's stored announcements: when ingest announced a firing value as stored. */
    void stored(String sensor, double value, long arrivedNanos) {
        int index = index(sensor);
        if (index < 0 || value != FIRING_VALUE) {
            return;
        }
        synchronized (this) {
            if (state[index] == FIRING && storedAt[index] == 0) {
                storedAt[index] = arrivedNanos;
            }
        }
    }

    private int index(String sensor) {
        if (!sensor.startsWith("s")) {
            return -1;
        }
        try {
            int index = Integer.parseInt(sensor.substring(1));
            return index >= 0 && index < sensors ? index : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Starts {@code count} episodes at {@code perSecond}, waits for them to end (each at most 10 s per
     * notification) and returns the figures; {@code count} only when {@code counted}, else a warm-up.
     */
    Result run(int count, int perSecond, boolean counted) throws InterruptedException {
        synchronized (this) {
            firing.clear();
            resolved.clear();
            toStored.clear();
            storedToFiring.clear();
            counting = counted;
        }
        lost.set(0);
        int late = 0;
        long interval = TimeUnit.SECONDS.toNanos(1) / Math.max(1, perSecond);
        long start = System.nanoTime();
        long next = start;
        int cursor = 0;
        for (int n = 0; n < count; n++) {
            LockSupport.parkNanos(next - System.nanoTime());
            int chosen = -1;
            long waitUntil = System.nanoTime() + EPISODE_TIMEOUT_NANOS;
            while (chosen < 0 && System.nanoTime() < waitUntil) {
                chosen = claimIdle(cursor);
                if (chosen < 0) {
                    expireStuck();
                    TimeUnit.MILLISECONDS.sleep(5);
                }
            }
            if (chosen < 0) {
                break;
            }
            if (System.nanoTime() - next > interval) {
                late++;
            }
            cursor = chosen + 1;
            int index = chosen;
            publishing.execute(() -> publish(index, FIRING_VALUE));
            next += interval;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + 2 * EPISODE_TIMEOUT_NANOS;
        while (busy() && System.nanoTime() < deadline) {
            expireStuck();
            TimeUnit.MILLISECONDS.sleep(20);
        }
        int unresolved = 0;
        synchronized (this) {
            counting = false;
            for (int i = 0; i < sensors; i++) {
                if (state[i] == RESOLVING) {
                    unresolved++;
                } else if (state[i] == FIRING) {
                    lost.incrementAndGet();
                }
                state[i] = IDLE;
            }
            return new Result(
                    sorted(firing),
                    sorted(resolved),
                    sorted(toStored),
                    sorted(storedToFiring),
                    counted ? count : 0,
                    lost.get(),
                    unresolved,
                    late,
                    seconds);
        }
    }

    private static List<Long> sorted(List<Long> values) {
        List<Long> copy = new ArrayList<>(values);
        copy.sort(null);
        return copy;
    }

    void close() {
        publishing.shutdownNow();
    }

    /** Claims the first idle sensor from {@code cursor} on (round robin), marking the publish time. */
    private synchronized int claimIdle(int cursor) {
        for (int k = 0; k < sensors; k++) {
            int index = (cursor + k) % sensors;
            if (state[index] == IDLE) {
                state[index] = FIRING;
                since[index] = System.nanoTime();
                storedAt[index] = 0;
                return index;
            }
        }
        return -1;
    }

    /** A sensor whose notification has not come within the timeout: counted lost, and reset with a low value. */
    private synchronized void expireStuck() {
        long now = System.nanoTime();
        for (int i = 0; i < sensors; i++) {
            if (state[i] != IDLE && now - since[i] > EPISODE_TIMEOUT_NANOS) {
                if (state[i] == FIRING) {
                    lost.incrementAndGet();
                    int index = i;
                    publishing.execute(() -> publish(index, RESOLVED_VALUE));
                }
                state[i] = IDLE;
            }
        }
    }

    private synchronized boolean busy() {
        for (long s : state) {
            if (s != IDLE) {
                return true;
            }
        }
        return false;
    }

    /** One reading, its timestamp strictly after the last one's (rules ignore readings not newer). */
    private void publish(int index, double value) {
        long micros =
                lastTs.updateAndGet(last -> Math.max(last + 1, Instant.now().toEpochMilli() * 1000));
        Instant ts = Instant.ofEpochSecond(micros / 1_000_000, micros % 1_000_000 * 1000);
        String json = "{\"readings\":[{\"sensor\":\"" + sensor(index) + "\",\"quantity\":\"temperature\",\"value\":"
                + value + ",\"unit\":\"°C\",\"ts\":\"" + ts + "\"}]}";
        synchronized (this) {
            if (value == FIRING_VALUE) {
                // the clock of a firing episode starts right at the publish, after the queue hand-over
                since[index] = System.nanoTime();
            }
        }
        try {
            publishers.publishOne(
                    new Publishers.Message(Topics.readings(device), json.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            System.err.println("publish failed: " + e.getMessage());
        }
    }
}
