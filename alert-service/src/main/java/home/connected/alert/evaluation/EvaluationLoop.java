package home.connected.alert.evaluation;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import home.connected.alert.AlertProperties;
import home.connected.alert.rule.RuleStore;
import home.connected.alert.rule.RulesChanged;
import home.connected.contracts.alert.v1.Rule;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The leader's evaluation: one thread that takes the stored readings and device status from the
 * broker, ticks the timers, and writes what happened. While it runs it owns alert_series.
 *
 * <p>Nothing is lost across gaps: the announcements are QoS 0 and nobody queues them while the
 * leader is away, so after leadership starts, after the broker connection comes back and after
 * the queue overflowed, the readings stored since the watermark (minus a margin) are read back
 * from InfluxDB and evaluated first. A series ignores readings not newer than its last one, so
 * what arrives twice counts once. The watermark only moves while the stream is whole.
 */
@Component
public class EvaluationLoop {

    private static final Logger log = LoggerFactory.getLogger(EvaluationLoop.class);
    private static final int QUEUE = 20_000;
    private static final int DRAIN = 500;
    private static final int CHECKPOINT_ROWS = 2000;
    /** How long before the last look at the rules a rule noticed now may have been saved (clock skew, commit time). */
    private static final Duration RULE_SAVE_MARGIN = Duration.ofSeconds(5);

    private sealed interface Work {}

    private record Readings(List<StoredReading> readings, long arrivedNanos) implements Work {}

    private record Status(String device, boolean online) implements Work {}

    private record CatchUp() implements Work {}

    private record ReloadRules() implements Work {}

    private final SeriesRepository series;
    private final EventWriter events;
    private final RuleStore rules;
    private final StoredReadingsHistory history;
    private final ObjectProvider<NotificationsWritten> listeners;
    private final AlertProperties.Evaluation settings;
    private final Clock clock;
    private final BlockingQueue<Work> queue = new ArrayBlockingQueue<>(QUEUE);
    /** Grows whenever the stream breaks (connection lost, queue full): a catch-up is due. */
    private final AtomicLong gaps = new AtomicLong();

    private final Counter readingsEvaluated;
    private final Counter caughtUp;
    private final Timer delay;

    private volatile Thread thread;
    private volatile boolean active;
    private volatile boolean streamUp;
    private volatile Evaluator evaluator = new Evaluator();
    // The worker thread's own bookkeeping.
    private Instant watermark;
    private long rulesVersion;
    private long gapsAtCheckpoint;
    private Instant lastRulesCheck = Instant.EPOCH;
    private Instant lastCheckpoint = Instant.EPOCH;
    private SeriesWriter writer;

    EvaluationLoop(
            SeriesRepository series,
            EventWriter events,
            RuleStore rules,
            StoredReadingsHistory history,
            ObjectProvider<NotificationsWritten> listeners,
            AlertProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.series = series;
        this.events = events;
        this.rules = rules;
        this.history = history;
        this.listeners = listeners;
        this.settings = properties.evaluation();
        this.clock = clock;
        this.readingsEvaluated = Counter.builder("alert_readings_evaluated")
                .description("Stored readings the leader evaluated (live and caught up)")
                .register(meters);
        this.caughtUp = Counter.builder("alert_readings_caught_up")
                .description("Stored readings read back from InfluxDB after a gap")
                .register(meters);
        this.delay = Timer.builder("alert_evaluation_delay")
                .description("From an announcement's arrival to its evaluation")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        Gauge.builder("alert_evaluation_lag_seconds", this, loop -> loop.lagSeconds())
                .description("How long the oldest waiting announcement has waited")
                .register(meters);
        Gauge.builder("alert_evaluation_queue", queue, BlockingQueue::size)
                .description("Announcements waiting for evaluation")
                .register(meters);
        Gauge.builder("alert_evaluations", this, loop -> loop.evaluator.evaluations())
                .description("Reading × rule evaluations by this leader")
                .register(meters);
        Gauge.builder("alert_leader", this, loop -> loop.active ? 1 : 0)
                .description("1 while this replica evaluates the rules")
                .register(meters);
        for (SeriesState.State state : SeriesState.State.values()) {
            Gauge.builder(
                            "alert_series",
                            this,
                            loop -> loop.evaluator.lastCounts().getOrDefault(state, 0))
                    .tag("state", state.column())
                    .description("Series the rules track, by state")
                    .register(meters);
        }
        Gauge.builder("alert_rules", this, loop -> loop.evaluator.ruleCount())
                .description("Rules the leader evaluates (enabled or not)")
                .register(meters);
    }

    /** Leadership granted: load the state, catch up, then follow the stream. */
    public synchronized void start() {
        if (active) {
            return;
        }
        queue.clear();
        active = true;
        Thread worker = new Thread(this::run, "alert-evaluation");
        worker.setDaemon(true);
        thread = worker;
        worker.start();
    }

    /** Leadership lost or shutting down: stops after the current step and writes the last checkpoint. */
    public synchronized void stop() {
        active = false;
        Thread worker = thread;
        thread = null;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        queue.clear();
    }

    public boolean active() {
        return active;
    }

    /** Whether the rule is loaded (a new or changed rule is, within one tick). */
    boolean evaluates(String ruleId) {
        return active && evaluator.knows(ruleId);
    }

    /** From the broker: readings ingest stored. Dropped unless leading; a full queue is a gap. */
    public void offer(List<StoredReading> readings) {
        if (!active || readings.isEmpty()) {
            return;
        }
        if (!queue.offer(new Readings(readings, System.nanoTime()))) {
            gaps.incrementAndGet();
        }
    }

    public void offerStatus(String device, boolean online) {
        if (active && !queue.offer(new Status(device, online))) {
            gaps.incrementAndGet();
        }
    }

    /** The broker connection is subscribed again: read back what it missed. */
    public void streamUp() {
        streamUp = true;
        if (active) {
            queue.offer(new CatchUp());
        }
    }

    /** A rule changed through this replica: take it before the readings that follow. */
    @EventListener
    void rulesChanged(RulesChanged change) {
        if (active) {
            queue.offer(new ReloadRules());
        }
    }

    public void streamDown() {
        streamUp = false;
        gaps.incrementAndGet();
    }

    private void run() {
        while (active) {
            try {
                evaluate();
                return;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // MariaDB or InfluxDB away: start over from the stored state, which is consistent.
                log.warn("evaluation stopped ({}); starting over from the stored state in 5 s", e.toString());
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void evaluate() throws InterruptedException {
        try (SeriesWriter started = new SeriesWriter(series)) {
            writer = started;
            evaluateWith(started);
        }
    }

    private void evaluateWith(SeriesWriter writer) throws InterruptedException {
        Instant now = clock.instant();
        evaluator = new Evaluator();
        evaluator.load(series.loadAll());
        rulesVersion = reloadRules(now);
        lastRulesCheck = now;
        evaluator.controls(series.controls());
        Optional<Instant> stored = series.watermark();
        watermark = stored.orElse(now);
        gapsAtCheckpoint = gaps.get();
        lastCheckpoint = now;
        catchUp(now);
        log.info(
                "evaluating {} rules; caught up from {}",
                evaluator.ruleCount(),
                stored.map(Instant::toString).orElse("now (first start)"));
        Instant nextTick = now.plus(settings.tick());
        Instant nextCheckpoint = now.plus(settings.checkpointInterval());
        List<Outcome> outcomes = new ArrayList<>();
        List<Work> batch = new ArrayList<>(DRAIN);
        while (active) {
            Work first;
            try {
                first = queue.poll(
                        Math.max(0, Duration.between(clock.instant(), nextTick).toMillis()), MILLISECONDS);
            } catch (InterruptedException e) {
                if (active) {
                    throw e;
                }
                break;
            }
            now = clock.instant();
            if (first != null) {
                batch.add(first);
                queue.drainTo(batch, DRAIN - 1);
                for (Work work : batch) {
                    if (work instanceof CatchUp) {
                        catchUp(now);
                    } else if (work instanceof ReloadRules) {
                        outcomes.addAll(reloadChangedRules(now));
                        lastRulesCheck = now;
                    } else {
                        outcomes.addAll(apply(work, now));
                    }
                }
                batch.clear();
            }
            if (!now.isBefore(nextTick)) {
                if (rules.version() != rulesVersion) {
                    outcomes.addAll(reloadChangedRules(now));
                }
                lastRulesCheck = now;
                evaluator.controls(series.controls());
                outcomes.addAll(evaluator.tick(now));
                nextTick = now.plus(settings.tick());
            }
            write(outcomes, now);
            outcomes.clear();
            if (!now.isBefore(nextCheckpoint)) {
                checkpoint(now);
                nextCheckpoint = now.plus(settings.checkpointInterval());
            }
        }
        writer.write(evaluator.dirty().stream().map(SeriesState::snapshot).toList(), clock.instant(), null);
    }

    /**
     * The changed series (at most {@link #CHECKPOINT_ROWS} at a time, those changed longest ago first,
     * so a burst over many series does not stall evaluation) and, if the stream stayed whole, the
     * watermark: the time up to which every series in MariaDB has seen its readings.
     */
    private void checkpoint(Instant now) {
        List<SeriesState> dirty = evaluator.dirty();
        for (SeriesState state : dirty) {
            if (state.dirtySince == null) {
                state.dirtySince = lastCheckpoint;
            }
        }
        dirty.sort(java.util.Comparator.comparing(state -> state.dirtySince));
        Instant complete = dirty.size() > CHECKPOINT_ROWS ? dirty.get(CHECKPOINT_ROWS).dirtySince : now;
        List<SeriesRow> rows = dirty.subList(0, Math.min(dirty.size(), CHECKPOINT_ROWS)).stream()
                .map(SeriesState::snapshot)
                .toList();
        long gapsNow = gaps.get();
        Instant advanced = null;
        if (streamUp && gapsNow == gapsAtCheckpoint && complete.isAfter(watermark)) {
            watermark = complete;
            advanced = watermark;
        }
        writer.write(rows, now, advanced);
        writer.check();
        gapsAtCheckpoint = gapsNow;
        lastCheckpoint = now;
    }

    private List<Outcome> apply(Work work, Instant now) {
        if (work instanceof Readings readings) {
            delay.record(System.nanoTime() - readings.arrivedNanos(), TimeUnit.NANOSECONDS);
            readingsEvaluated.increment(readings.readings().size());
            return evaluator.readings(readings.readings(), now);
        }
        if (work instanceof Status status) {
            return evaluator.deviceStatus(status.device(), status.online(), now);
        }
        return List.of();
    }

    /** Evaluates what InfluxDB holds since the watermark; if the stream held meanwhile, the watermark moves to now. */
    private void catchUp(Instant now) {
        long gapsBefore = gaps.get();
        Instant from = watermark.minus(settings.catchUpMargin());
        Instant oldest = now.minus(settings.maxCatchUp());
        if (from.isBefore(oldest)) {
            from = oldest;
        }
        List<Outcome> outcomes = new ArrayList<>();
        long read = history.replay(from, now, readings -> outcomes.addAll(evaluator.readings(readings, now)));
        caughtUp.increment(read);
        readingsEvaluated.increment(read);
        write(outcomes, now);
        if (read > 0) {
            log.info("caught up {} stored readings from {} to {}", read, from, now);
        }
        if (streamUp && gaps.get() == gapsBefore) {
            watermark = now;
            gapsAtCheckpoint = gapsBefore;
        }
    }

    /**
     * A rule applies from when it was saved, not from when this loop noticed: readings stored since
     * the last look at the rules are evaluated again for rules that are new (or newly enabled).
     * Rules that saw them already skip them, as they skip any reading not newer than their last.
     */
    private List<Outcome> reloadChangedRules(Instant now) {
        java.util.Set<String> before = evaluator.enabledRuleIds();
        rulesVersion = reloadRules(now);
        java.util.Set<String> added = evaluator.enabledRuleIds();
        added.removeAll(before);
        List<Outcome> outcomes = new ArrayList<>();
        if (!added.isEmpty()) {
            Instant from = lastRulesCheck.minus(RULE_SAVE_MARGIN);
            history.replay(from, now, readings -> outcomes.addAll(evaluator.readings(readings, now)));
        }
        return outcomes;
    }

    private long reloadRules(Instant now) {
        long version = rules.version();
        List<Rule> all = rules.all();
        evaluator.rules(all, now);
        if (all.stream().anyMatch(rule -> rule.hasNoData() && rule.getEnabled())) {
            history.lastOfEverySeries(now, settings.maxCatchUp()).forEach(reading -> evaluator.seed(reading, now));
        }
        return version;
    }

    private void write(List<Outcome> outcomes, Instant now) {
        List<SeriesState> changed = evaluator.drainTransitioned();
        if (outcomes.isEmpty() && changed.isEmpty()) {
            return;
        }
        // Events first: a series row saying "told" must never be stored without its notification.
        boolean notified = events.write(outcomes, now);
        writer.write(
                new java.util.LinkedHashSet<>(changed)
                        .stream().map(SeriesState::snapshot).toList(),
                now,
                null);
        if (notified) {
            listeners.orderedStream().forEach(NotificationsWritten::notificationsWritten);
        }
    }

    /** How long the oldest waiting announcement has waited: how far evaluation is behind the stream. */
    private double lagSeconds() {
        return queue.peek() instanceof Readings oldest ? (System.nanoTime() - oldest.arrivedNanos()) / 1e9 : 0;
    }
}
