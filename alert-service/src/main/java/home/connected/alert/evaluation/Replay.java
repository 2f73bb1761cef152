package home.connected.alert.evaluation;

import com.google.protobuf.Timestamp;
import home.connected.contracts.alert.v1.BacktestEpisode;
import home.connected.contracts.alert.v1.Rule;
import home.connected.contracts.alert.v1.RuleBacktest;
import io.grpc.Context;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One rule replayed over a past span in an {@link Evaluator} of its own, as the leader would have
 * evaluated it had the rule been saved at the start: the same conditions, and timer ticks at the
 * live interval between the readings. Only counts what happened; nothing is stored or sent.
 *
 * <p>Readings come a window at a time, windows in time order. Ticks fall on whole multiples of the
 * interval since the epoch; a reading at a tick's instant is evaluated before that tick, as if it
 * had arrived without delay.
 */
final class Replay {

    static final int MAX_EPISODES = 100;

    /** A firing episode of one series; the resolve time is filled in when it comes. */
    private static final class Episode {
        final BacktestEpisode.Builder episode;

        Episode(Outcome fired) {
            SeriesState series = fired.series();
            episode = BacktestEpisode.newBuilder()
                    .setDeviceId(series.device)
                    .setSensor(series.sensor)
                    .setQuantity(series.quantity)
                    .setLocation(series.location)
                    .setUnit(series.unit)
                    .setFiredAt(timestamp(fired.at()))
                    .setValue(fired.value())
                    .setReason(series.reason);
        }
    }

    private final Evaluator evaluator = new Evaluator();
    private final Instant start;
    private final Instant end;
    private final Duration tick;
    private Instant nextTick;
    private int firings;
    private int readings;
    /** The newest episodes, oldest first: in replay order, which is time order. */
    private final ArrayDeque<Episode> newest = new ArrayDeque<>();
    /** The episode each firing series is in, by alert id. */
    private final Map<String, Episode> open = new HashMap<>();

    private static final int CANCEL_CHECK_TICKS = 4096;

    private long ticks;

    /** Whether enabled or silenced or not: the replay is of what its condition does. */
    Replay(Rule rule, Instant start, Instant end, Duration tick) {
        this.start = start;
        this.end = end;
        this.tick = tick;
        long tickMillis = tick.toMillis();
        this.nextTick = Instant.ofEpochMilli(Math.floorDiv(start.toEpochMilli(), tickMillis) * tickMillis + tickMillis);
        evaluator.rules(
                List.of(rule.toBuilder().setEnabled(true).clearSilencedUntil().build()), start);
    }

    /** The last readings before the span: a no-data rule knows the series that were already quiet. */
    void seed(List<StoredReading> last) {
        last.forEach(reading -> evaluator.seed(reading, start));
    }

    /** The span's next readings (a window of them, later than any before), each series in time order. */
    void readings(List<StoredReading> window) {
        List<StoredReading> sorted = new ArrayList<>(window);
        sorted.sort(Comparator.comparing(StoredReading::ts));
        int first = 0;
        for (int i = 0; i < sorted.size(); i++) {
            Instant ts = sorted.get(i).ts();
            if (nextTick.isBefore(ts)) {
                evaluate(sorted.subList(first, i));
                first = i;
                ticksBefore(ts);
            }
        }
        evaluate(sorted.subList(first, sorted.size()));
        readings += sorted.size();
    }

    /** Ticks to the end of the span, then what happened. */
    RuleBacktest result() {
        ticksBefore(end);
        RuleBacktest.Builder result = RuleBacktest.newBuilder()
                .setFirings(firings)
                .setSeries(evaluator.seriesCount())
                .setReadings(readings)
                .setTruncated(firings > newest.size())
                .setStart(timestamp(start))
                .setEnd(timestamp(end));
        for (Iterator<Episode> episodes = newest.descendingIterator(); episodes.hasNext(); ) {
            result.addEpisodes(episodes.next().episode);
        }
        return result.build();
    }

    int readingsSoFar() {
        return readings;
    }

    private void evaluate(List<StoredReading> batch) {
        if (!batch.isEmpty()) {
            collect(evaluator.readings(batch, batch.get(batch.size() - 1).ts()));
        }
    }

    private void ticksBefore(Instant limit) {
        while (nextTick.isBefore(limit)) {
            // A week of 1 s ticks over many series is seconds of work: stop when the caller gives up.
            if (++ticks % CANCEL_CHECK_TICKS == 0 && Context.current().isCancelled()) {
                throw Status.CANCELLED.withDescription("the caller gave up").asRuntimeException();
            }
            collect(evaluator.tick(nextTick));
            nextTick = nextTick.plus(tick);
        }
    }

    private void collect(List<Outcome> outcomes) {
        // The live loop writes these series; here nobody does, so the list would only grow.
        evaluator.drainTransitioned();
        for (Outcome outcome : outcomes) {
            String alert = outcome.series().alertId;
            if (outcome.fired()) {
                firings++;
                Episode episode = new Episode(outcome);
                open.put(alert, episode);
                newest.addLast(episode);
                if (newest.size() > MAX_EPISODES) {
                    newest.removeFirst();
                }
            } else if (outcome.resolved()) {
                Episode episode = open.remove(alert);
                if (episode != null) {
                    episode.episode.setResolvedAt(timestamp(outcome.at()));
                }
            }
        }
    }

    private static Timestamp timestamp(Instant at) {
        return Timestamp.newBuilder()
                .setSeconds(at.getEpochSecond())
                .setNanos(at.getNano())
                .build();
    }
}
