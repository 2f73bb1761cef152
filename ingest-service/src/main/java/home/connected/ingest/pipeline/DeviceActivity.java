package home.connected.ingest.pipeline;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * When each device was last heard from and how often it usually is: the gauges
 * {@code ingest_device_last_reading_timestamp_seconds{device}} (when ingest received the device's
 * last stored reading; its own clock, so a device with a wrong clock or a back-filled batch does
 * not look silent) and {@code ingest_device_usual_interval_seconds{device}} (a slowly moving
 * average of the gaps, NaN until the second report). An alert rule compares the two to find a
 * device silent for longer than it used to be.
 *
 * <p>Bounded: at most {@code maxTracked} devices (the longest silent one makes room for a new
 * one), and a device silent for {@code forgetAfter} is dropped with its gauges, as a removed
 * device is once it has stopped publishing.
 */
final class DeviceActivity {

    /** Reports closer together than this are one report: a device sending each sensor on its own. */
    static final double SAME_REPORT_SECONDS = 1.0;
    /** Weight of a new gap in the moving average: about the last 10 gaps count. */
    static final double WEIGHT = 0.1;
    /** One long gap (the device was off for a day) moves the average at most as if it were this many usual gaps. */
    static final double MAX_GAP_IN_USUALS = 10.0;

    private final MeterRegistry registry;
    private final int maxTracked;
    private final Duration forgetAfter;
    private final Map<String, Device> devices = new HashMap<>();
    private Instant lastSweep = Instant.EPOCH;

    DeviceActivity(MeterRegistry registry, int maxTracked, Duration forgetAfter) {
        if (maxTracked < 1) {
            throw new IllegalArgumentException("ch.ingest.devices.max-tracked must be at least 1: " + maxTracked);
        }
        this.registry = registry;
        this.maxTracked = maxTracked;
        this.forgetAfter = forgetAfter;
    }

    /** A reading of {@code deviceId} received at {@code receivedAt} is stored. */
    synchronized void stored(String deviceId, Instant receivedAt) {
        double seconds = receivedAt.toEpochMilli() / 1000.0;
        Device device = devices.get(deviceId);
        if (device == null) {
            makeRoom();
            device = new Device(seconds);
            devices.put(deviceId, device);
            device.register(registry, deviceId);
        } else if (seconds > device.lastSeconds) {
            device.usualSeconds = usual(device.usualSeconds, seconds - device.lastSeconds);
            device.lastSeconds = seconds;
        }
        if (Duration.between(lastSweep, receivedAt).compareTo(sweepEvery()) >= 0) {
            forgetSilent(receivedAt);
            lastSweep = receivedAt;
        }
    }

    synchronized int tracked() {
        return devices.size();
    }

    /** The usual gap after one more gap: a moving average, unchanged by gaps within one report. */
    static double usual(double usualSeconds, double gapSeconds) {
        if (gapSeconds < SAME_REPORT_SECONDS) {
            return usualSeconds;
        }
        if (Double.isNaN(usualSeconds)) {
            return gapSeconds;
        }
        double counted = Math.min(gapSeconds, usualSeconds * MAX_GAP_IN_USUALS);
        return usualSeconds + WEIGHT * (counted - usualSeconds);
    }

    private Duration sweepEvery() {
        Duration hundredth = forgetAfter.dividedBy(100);
        return hundredth.compareTo(Duration.ofMinutes(1)) < 0 ? hundredth : Duration.ofMinutes(1);
    }

    private void forgetSilent(Instant now) {
        double forgetBefore = now.minus(forgetAfter).toEpochMilli() / 1000.0;
        for (Iterator<Device> it = devices.values().iterator(); it.hasNext(); ) {
            Device device = it.next();
            if (device.lastSeconds < forgetBefore) {
                device.unregister(registry);
                it.remove();
            }
        }
    }

    private void makeRoom() {
        if (devices.size() < maxTracked) {
            return;
        }
        Map.Entry<String, Device> longestSilent = null;
        for (Map.Entry<String, Device> entry : devices.entrySet()) {
            if (longestSilent == null || entry.getValue().lastSeconds < longestSilent.getValue().lastSeconds) {
                longestSilent = entry;
            }
        }
        longestSilent.getValue().unregister(registry);
        devices.remove(longestSilent.getKey());
    }

    private static final class Device {

        volatile double lastSeconds;
        volatile double usualSeconds = Double.NaN;
        private Gauge last;
        private Gauge usual;

        Device(double lastSeconds) {
            this.lastSeconds = lastSeconds;
        }

        void register(MeterRegistry registry, String deviceId) {
            last = Gauge.builder(IngestMetrics.DEVICE_LAST_READING, this, d -> d.lastSeconds)
                    .description("when ingest received the device's last stored reading, epoch seconds")
                    .baseUnit("seconds")
                    .tag("device", deviceId)
                    .register(registry);
            usual = Gauge.builder(IngestMetrics.DEVICE_USUAL_INTERVAL, this, d -> d.usualSeconds)
                    .description("the device's usual gap between readings (moving average)")
                    .baseUnit("seconds")
                    .tag("device", deviceId)
                    .register(registry);
        }

        void unregister(MeterRegistry registry) {
            registry.remove(last);
            registry.remove(usual);
        }
    }
}
