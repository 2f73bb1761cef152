package home.connected.piagent;

import home.connected.piagent.buffer.ReadingLog;
import home.connected.piagent.clock.Timestamps;
import home.connected.piagent.clock.Timestamps.Stampable;
import home.connected.piagent.publish.Reading;
import home.connected.piagent.publish.ReadingJson;
import home.connected.piagent.sensor.Measurement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every sensor at its interval and appends what it gave to the buffer, stamped by
 * {@link Timestamps}. Two threads: a DHT22 that retries for a few seconds does not hold up the
 * others much. A failed read is counted and logged (at its first failure, every 10th, and when the
 * sensor reads again), never published.
 */
final class SensorSchedule implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SensorSchedule.class);

    private final List<ConfiguredSensor> sensors;
    private final Timestamps<Reading> timestamps;
    private final ReadingLog buffer;
    private final ScheduledExecutorService executor;
    private final AtomicLong taken = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    SensorSchedule(List<ConfiguredSensor> sensors, Timestamps<Reading> timestamps, ReadingLog buffer) {
        this.sensors = sensors;
        this.timestamps = timestamps;
        this.buffer = buffer;
        this.executor = Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "sensors");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        for (int i = 0; i < sensors.size(); i++) {
            ConfiguredSensor sensor = sensors.get(i);
            long interval = sensor.config().interval().toMillis();
            // staggered by 100 ms so sensors with one interval do not all read at the same instant
            executor.scheduleAtFixedRate(() -> read(sensor), 100L * i, interval, TimeUnit.MILLISECONDS);
        }
    }

    long takenCount() {
        return taken.get();
    }

    long failedCount() {
        return failed.get();
    }

    synchronized int heldForClock() {
        return timestamps.heldCount();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read(ConfiguredSensor sensor) {
        List<Measurement> measurements;
        try {
            measurements = sensor.read();
        } catch (Exception e) {
            failed.incrementAndGet();
            long failures = sensor.failed();
            if (failures == 1 || failures % 10 == 0) {
                log.warn(
                        "sensor {}: read failed ({} in a row): {}",
                        sensor.config().name(),
                        failures,
                        e.getMessage());
            }
            return;
        }
        if (sensor.succeeded() > 0) {
            log.info("sensor {}: reads again", sensor.config().name());
        }
        List<Stampable<Reading>> readings = new ArrayList<>(measurements.size());
        for (Measurement measurement : measurements) {
            readings.add(time -> new Reading(
                    sensor.config().name(),
                    measurement.quantity(),
                    measurement.value(),
                    measurement.unit(),
                    sensor.config().location(),
                    time));
        }
        taken.addAndGet(readings.size());
        synchronized (this) { // one appender, in the order taken
            List<Reading> ready = timestamps.stamp(readings);
            if (ready.isEmpty()) {
                return;
            }
            List<byte[]> records = new ArrayList<>(ready.size());
            for (Reading reading : ready) {
                records.add(ReadingJson.object(reading));
            }
            if (!buffer.append(records)) {
                log.warn("{} readings not kept: the buffer cannot be written (disk full?)", records.size());
            }
        }
    }
}
