package home.connected.query.rollup;

import static home.connected.query.influx.ReadingTags.DEVICE;
import static home.connected.query.influx.ReadingTags.LOCATION;
import static home.connected.query.influx.ReadingTags.QUANTITY;
import static home.connected.query.influx.ReadingTags.SENSOR;
import static home.connected.query.influx.ReadingTags.UNIT;
import static home.connected.query.influx.ReadingTags.VALUE_FIELD;

import home.connected.query.QueryProperties;
import home.connected.query.influx.InfluxQl;
import home.connected.query.influx.InfluxReader;
import home.connected.query.influx.InfluxUnavailableException;
import home.connected.query.influx.InfluxWriter;
import home.connected.query.influx.ReadingSource;
import home.connected.query.influx.TaggedSeries;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Computes the roll-ups, one pass every {@code interval} on a thread of its own: the 5-minute windows
 * from the raw readings, then the 1-hour windows from the 5-minute ones, each from where it got to up to
 * the last window that ended {@code settle} ago, a statement of at most a few thousand windows at a
 * time. Where it got to is read back from the roll-ups themselves at start (their newest window, and
 * {@code recompute-on-start} before it), so a restart resumes and an empty roll-up back-fills from the
 * oldest reading; writing a window again writes the same point, so nothing is counted twice. Windows
 * that a late reading falls in are rolled up again. Every {@code retention-interval} it deletes what is
 * older than its keep, and raw readings only where both roll-ups hold them.
 */
@Component
class RollUpJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RollUpJob.class);
    private static final String GROUP_BY_TAGS = Stream.of(DEVICE, SENSOR, QUANTITY, UNIT, LOCATION)
            .map(InfluxQl::identifier)
            .collect(Collectors.joining(", "));
    /** Windows one statement rolls up at most, over all sensors: bounds the answer's size and the heap it takes. */
    private static final int WINDOWS_PER_STATEMENT = 40_000;

    private static final int SENSORS_AT_FIRST = 200;
    private static final int LINES_PER_WRITE = 5_000;

    private final RollUps rollUps;
    private final LateReadings late;
    private final InfluxReader influx;
    private final InfluxWriter writer;
    private final QueryProperties.RollUps settings;
    private final String rawMeasurement;
    private final Clock clock;
    private final Map<RollUpLevel, Counter> written = new EnumMap<>(RollUpLevel.class);
    private final Map<RollUpLevel, Integer> seriesSeen = new EnumMap<>(RollUpLevel.class);
    private ScheduledExecutorService thread;
    /** The first deletes a retention interval after the start. */
    private Instant lastRetention;

    private boolean unavailableLogged;

    RollUpJob(
            RollUps rollUps,
            LateReadings late,
            InfluxReader influx,
            InfluxWriter writer,
            QueryProperties properties,
            Clock clock,
            MeterRegistry registry) {
        this.rollUps = rollUps;
        this.late = late;
        this.influx = influx;
        this.writer = writer;
        this.settings = properties.rollUps();
        this.rawMeasurement = properties.influx().measurement();
        this.clock = clock;
        this.lastRetention = clock.instant();
        for (RollUpLevel level : RollUpLevel.values()) {
            written.put(
                    level,
                    Counter.builder("query.rollup.windows.written")
                            .description("Roll-up windows written to InfluxDB (again, for windows rolled up again)")
                            .tag("level", level.label())
                            .register(registry));
            Gauge.builder("query.rollup.lag", this, job -> job.lagSeconds(level))
                    .description("How far the roll-up is behind now (NaN until its first pass)")
                    .baseUnit("seconds")
                    .tag("level", level.label())
                    .register(registry);
        }
    }

    @Override
    public synchronized void start() {
        if (!rollUps.enabled() || thread != null) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread rollUpThread = new Thread(task, "roll-ups");
            rollUpThread.setDaemon(true);
            return rollUpThread;
        });
        // the first pass an interval after the start, not while the other services start beside this one
        long interval = settings.interval().toMillis();
        thread.scheduleWithFixedDelay(this::passSafely, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (thread != null) {
            thread.shutdownNow();
            try {
                thread.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return thread != null;
    }

    private void passSafely() {
        try {
            pass();
            unavailableLogged = false;
        } catch (InfluxUnavailableException e) {
            if (!unavailableLogged) {
                log.warn("roll-ups wait for InfluxDB: {}", e.getMessage());
                unavailableLogged = true;
            }
        } catch (RuntimeException e) {
            log.error("roll-up pass failed", e);
        }
    }

    /** One pass: both roll-ups brought up to date, and the retention applied when due. */
    void pass() {
        Instant now = clock.instant();
        RollUpLevel five = RollUpLevel.FIVE_MINUTES;
        RollUpLevel hour = RollUpLevel.ONE_HOUR;
        if (rollUps.rawFrom() == null) {
            Instant oldest = oneTime("SELECT first(" + InfluxQl.identifier(VALUE_FIELD) + ") FROM "
                    + rollUps.raw().measurement());
            rollUps.rawFrom(oldest != null ? oldest : now);
        }
        Instant fiveFrom = resumeAt(five, rollUps::rawFrom, now);
        Instant lateReading = late.takeOldest();
        if (lateReading != null && lateReading.isBefore(fiveFrom)) {
            fiveFrom = five.floor(lateReading);
        }
        rollUp(five, rollUps.raw(), fiveFrom, five.floor(now.minus(settings.settle())));

        Instant hourFrom = resumeAt(
                hour,
                () -> oneTime("SELECT first(" + InfluxQl.identifier(ReadingSource.COUNT) + ") FROM "
                        + rollUps.source(five).measurement()),
                now);
        hourFrom = min(hourFrom, hour.floor(fiveFrom));
        rollUp(hour, rollUps.source(five), hourFrom, hour.floor(rollUps.until(five)));

        if (!now.isBefore(lastRetention.plus(settings.retentionInterval()))) {
            applyRetention(now);
        }
    }

    /**
     * Where a roll-up goes on from: where this pass got to; at start, its newest window (or {@code
     * recompute-on-start} before now, if earlier), or the oldest point of its source when it has none.
     *
     * @param oldestOfSource the time of the source's oldest point, null when it has none
     */
    private Instant resumeAt(RollUpLevel level, Supplier<Instant> oldestOfSource, Instant now) {
        Instant until = rollUps.until(level);
        if (until != null) {
            return until;
        }
        Instant newest = oneTime("SELECT last(" + InfluxQl.identifier(ReadingSource.COUNT) + ") FROM "
                + rollUps.source(level).measurement());
        if (newest != null) {
            return level.floor(min(newest, now.minus(settings.recomputeOnStart())));
        }
        Instant oldest = oldestOfSource.get();
        return level.floor(oldest != null ? oldest : now.minus(settings.settle()));
    }

    private void rollUp(RollUpLevel level, ReadingSource source, Instant from, Instant to) {
        rollUps.rolledUpTo(level, from);
        RollUpLines lines = new RollUpLines(level.measurement(rawMeasurement), LINES_PER_WRITE);
        Instant start = from;
        while (start.isBefore(to)) {
            Instant end = min(to, start.plus(statementSpan(level)));
            List<TaggedSeries> windows = influx.select("SELECT " + source.bandWithReadings() + " FROM "
                    + source.measurement() + " WHERE time >= " + InfluxQl.time(start) + " AND time < "
                    + InfluxQl.time(end) + " GROUP BY time(" + InfluxQl.duration(level.window()) + "), "
                    + GROUP_BY_TAGS + " fill(none)");
            if (!windows.isEmpty()) {
                seriesSeen.put(level, windows.size());
            }
            written.get(level).increment(lines.write(windows, writer::write));
            rollUps.rolledUpTo(level, end);
            start = end;
        }
    }

    /**
     * As many windows as {@link #WINDOWS_PER_STATEMENT} allows for the sensors the last statement found (at
     * first, as if there were {@link #SENSORS_AT_FIRST}), within the level's longest.
     */
    private Duration statementSpan(RollUpLevel level) {
        int series = Math.max(1, seriesSeen.getOrDefault(level, SENSORS_AT_FIRST));
        Duration span = level.window().multipliedBy(Math.max(1, WINDOWS_PER_STATEMENT / series));
        return span.compareTo(level.longestStatement()) < 0 ? span : level.longestStatement();
    }

    /** Deletes what is older than its keep (and is rolled up, for the raw readings and the 5-minute roll-up). */
    void applyRetention(Instant now) {
        lastRetention = now;
        Instant fiveUntil = rollUps.until(RollUpLevel.FIVE_MINUTES);
        Instant hourUntil = rollUps.until(RollUpLevel.ONE_HOUR);
        if (fiveUntil == null || hourUntil == null) {
            return;
        }
        // raw readings only where both roll-ups hold them, the 5-minute roll-up only where the hourly one does
        deleteOlderThan(rollUps.raw(), settings.keepRaw(), now, min(fiveUntil, hourUntil));
        deleteOlderThan(rollUps.source(RollUpLevel.FIVE_MINUTES), settings.keepFiveMinutes(), now, hourUntil);
        deleteOlderThan(rollUps.source(RollUpLevel.ONE_HOUR), settings.keepOneHour(), now, now);
    }

    private void deleteOlderThan(ReadingSource source, Duration keep, Instant now, Instant rolledUp) {
        if (keep == null || keep.isZero() || keep.isNegative()) {
            return;
        }
        Instant before = min(now.minus(keep), rolledUp);
        influx.select("DELETE FROM " + source.measurement() + " WHERE time < " + InfluxQl.time(before));
        if (source.equals(rollUps.raw())) {
            rollUps.rawFrom(before);
        }
    }

    private Instant oneTime(String statement) {
        List<TaggedSeries> found = influx.select(statement);
        return found.stream()
                .flatMap(series -> series.points().stream())
                .map(point -> Instant.EPOCH.plusNanos(point.epochNanos()))
                .findFirst()
                .orElse(null);
    }

    private double lagSeconds(RollUpLevel level) {
        Instant until = rollUps.until(level);
        return until == null
                ? Double.NaN
                : Duration.between(until, clock.instant()).toMillis() / 1000.0;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
