package home.connected.alert.evaluation;

import com.google.protobuf.util.Durations;
import com.influxdb.exceptions.InfluxException;
import home.connected.access.ApiException;
import home.connected.alert.AlertProperties;
import home.connected.alert.rule.Rules;
import home.connected.contracts.alert.v1.BacktestRuleRequest;
import home.connected.contracts.alert.v1.Rule;
import home.connected.contracts.alert.v1.RuleBacktest;
import io.grpc.Context;
import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * BacktestRule: a rule replayed over the stored readings of a past span on the calling thread, in
 * memory only, so the evaluation thread never waits for it. The work is bounded: a selector and
 * span matching more than {@code ch.alert.backtest.max-readings} are refused before any is read.
 */
@Component
public class RuleBacktests {

    private static final Logger log = LoggerFactory.getLogger(RuleBacktests.class);
    private static final Duration DEFAULT_SPAN = Duration.ofHours(24);
    private static final Duration MIN_SPAN = Duration.ofMinutes(1);
    private static final Duration MAX_SPAN = Duration.ofDays(7);
    /** About how many readings are read from InfluxDB at a time. */
    private static final long WINDOW_READINGS = 50_000;
    /** How long a backtest waits for another to finish before it is refused. */
    private static final Duration QUEUE_WAIT = Duration.ofSeconds(10);

    private final Rules rules;
    private final StoredReadingsHistory history;
    private final Clock clock;
    private final Duration tick;
    private final Duration lookBack;
    private final int maxReadings;
    private final int maxConcurrent;
    private final Semaphore running;

    RuleBacktests(Rules rules, StoredReadingsHistory history, Clock clock, AlertProperties properties) {
        this.rules = rules;
        this.history = history;
        this.clock = clock;
        this.tick = properties.evaluation().tick();
        this.lookBack = properties.evaluation().maxCatchUp();
        this.maxReadings = properties.backtest().maxReadings();
        this.maxConcurrent = properties.backtest().maxConcurrent();
        this.running = new Semaphore(maxConcurrent);
    }

    public RuleBacktest backtest(BacktestRuleRequest request) {
        if (!request.hasRule()) {
            throw ApiException.invalidArgument("rule is required");
        }
        Rule rule = rules.validated(request.getRule());
        Duration span = span(request);
        Instant end = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant start = end.minus(span);
        try {
            if (!running.tryAcquire(QUEUE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw ApiException.resourceExhausted("other backtests are running (at most " + maxConcurrent
                        + " at once: " + "ch.alert.backtest.max-concurrent); try again in a moment");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
        }
        try {
            return replay(rule, start, end);
        } catch (InfluxException e) {
            log.warn("backtest could not read InfluxDB: {}", e.toString());
            throw ApiException.unavailable("the stored readings could not be read (InfluxDB); try again later");
        } finally {
            running.release();
        }
    }

    private RuleBacktest replay(Rule rule, Instant start, Instant end) {
        SortedMap<Instant, Long> perHour = history.countPerHour(rule.getSelector(), start, end);
        long matching = perHour.values().stream().mapToLong(Long::longValue).sum();
        if (matching > maxReadings) {
            throw tooMany(matching);
        }
        Replay replay = new Replay(rule, start, end, tick);
        if (rule.hasNoData()) {
            replay.seed(history.lastBefore(rule.getSelector(), start, lookBack));
        }
        for (ReadingWindows.Window window : ReadingWindows.plan(start, end, perHour, WINDOW_READINGS)) {
            if (Context.current().isCancelled()) {
                throw Status.CANCELLED.withDescription("the caller gave up").asRuntimeException();
            }
            List<StoredReading> readings = history.select(rule.getSelector(), window.from(), window.to());
            // More than counted: stored for the span since (late, or with a device's own timestamps).
            long replayed = replay.readingsSoFar() + (long) readings.size();
            if (replayed > maxReadings) {
                throw tooMany(replayed);
            }
            replay.readings(readings);
        }
        return replay.result();
    }

    private ApiException tooMany(long matching) {
        return ApiException.failedPrecondition(
                "the selector matches " + matching + " stored readings in the span, more than the " + maxReadings
                        + " a backtest replays (ch.alert.backtest.max-readings); narrow the selector or shorten"
                        + " the span");
    }

    private static Duration span(BacktestRuleRequest request) {
        if (!request.hasSpan()) {
            return DEFAULT_SPAN;
        }
        com.google.protobuf.Duration span = request.getSpan();
        if (span.getSeconds() < 0 || span.getNanos() < 0) {
            throw ApiException.invalidArgument("span must not be negative");
        }
        if (!Durations.isValid(span)) {
            throw ApiException.invalidArgument("span is not a valid duration (nanos must be 0 to 999999999)");
        }
        Duration length = Condition.duration(span);
        if (length.compareTo(MIN_SPAN) < 0) {
            throw ApiException.invalidArgument("span must be at least 1 minute");
        }
        if (length.compareTo(MAX_SPAN) > 0) {
            throw ApiException.invalidArgument("span must be at most 7 days");
        }
        return length;
    }
}
