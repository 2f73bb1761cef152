package home.connected.query.rollup;

import home.connected.query.QueryProperties;
import home.connected.query.influx.ReadingSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * Which readings a chart reads: the 1-hour roll-up for windows of 12 hours or more in whole hours, the
 * 5-minute one for windows of an hour or more in whole 5 minutes (a year's chart of 1 d windows reads the
 * hourly one, a month's of 2 h the 5-minute one), over the part of the range they have been computed for,
 * and the raw readings for the rest: the ends of the range that cut a roll-up window, the time not rolled
 * up yet, and every chart of raw points or shorter windows (a day's, a week's). The parts' windows that
 * meet at a cut are put together again by their readings, as those of a room change are, so the answer is
 * the same whichever parts it came from.
 */
@Component
public class RollUps {

    /** One part of a chart's range and where its readings come from. */
    public record Read(ReadingSource source, Instant start, Instant end) {}

    /**
     * The fewest roll-up windows a chart's window must hold for the roll-up to be read: a chart read in parts
     * sends a statement more for each end of its range, which costs more than a roll-up of a few windows saves
     * (./dev/bench rollups: a day's chart of 5-minute windows and a week's of 30-minute ones answered faster
     * from the raw readings of a sensor every 2 minutes).
     */
    private static final int WINDOWS_PER_POINT = 12;

    private static final List<RollUpLevel> COARSEST_FIRST = List.of(RollUpLevel.ONE_HOUR, RollUpLevel.FIVE_MINUTES);

    private final boolean enabled;
    private final ReadingSource raw;
    private final Map<RollUpLevel, ReadingSource> sources = new EnumMap<>(RollUpLevel.class);
    /** The end of the windows each roll-up holds for every reading stored before them; null while not known. */
    private final Map<RollUpLevel, AtomicReference<Instant>> until = new EnumMap<>(RollUpLevel.class);
    /** The oldest raw reading kept, as far as known; null before the first roll-up pass. */
    private final AtomicReference<Instant> rawFrom = new AtomicReference<>();

    RollUps(QueryProperties properties) {
        String measurement = properties.influx().measurement();
        this.enabled = properties.rollUps() != null && properties.rollUps().enabled();
        this.raw = ReadingSource.raw(measurement);
        for (RollUpLevel level : RollUpLevel.values()) {
            sources.put(level, ReadingSource.rollUp(level.measurement(measurement)));
            until.put(level, new AtomicReference<>());
        }
    }

    public ReadingSource raw() {
        return raw;
    }

    /**
     * The parts of [start, end) for a chart of {@code window}s (null: raw points), in time order.
     */
    public List<Read> reads(Instant start, Instant end, Duration window) {
        if (enabled && window != null) {
            for (RollUpLevel level : COARSEST_FIRST) {
                Instant rolledUp = until(level);
                if (rolledUp == null || !level.serves(window, WINDOWS_PER_POINT)) {
                    continue;
                }
                Instant from = level.ceil(start);
                Instant to = min(level.floor(end), rolledUp);
                if (from.isBefore(to)) {
                    List<Read> reads = new ArrayList<>(3);
                    if (start.isBefore(from)) {
                        reads.add(new Read(raw, start, from));
                    }
                    reads.add(new Read(sources.get(level), from, to));
                    if (to.isBefore(end)) {
                        reads.add(new Read(raw, to, end));
                    }
                    return reads;
                }
            }
        }
        return List.of(new Read(raw, start, end));
    }

    /**
     * Where the first reading of each location in [start, end) is found for a chart of {@code window}s: in
     * the parts its points are read from, so to a roll-up's window where the chart reads one (finer than the
     * chart's own), and in the 5-minute roll-up where raw readings have been deleted.
     */
    public List<Read> firstReadings(Instant start, Instant end, Duration window) {
        Instant from = rawFrom.get();
        ReadingSource fiveMinutes = sources.get(RollUpLevel.FIVE_MINUTES);
        boolean rolledUp = until(RollUpLevel.FIVE_MINUTES) != null;
        return reads(start, end, window).stream()
                .map(read -> read.source().equals(raw)
                                && rolledUp
                                && from != null
                                && read.start().isBefore(from)
                        ? new Read(fiveMinutes, read.start(), read.end())
                        : read)
                .toList();
    }

    boolean enabled() {
        return enabled;
    }

    ReadingSource source(RollUpLevel level) {
        return sources.get(level);
    }

    Instant until(RollUpLevel level) {
        return until.get(level).get();
    }

    Instant rawFrom() {
        return rawFrom.get();
    }

    /** Raw readings before {@code time} are gone (or never were). */
    void rawFrom(Instant time) {
        rawFrom.accumulateAndGet(time, (known, now) -> known == null || now.isAfter(known) ? now : known);
    }

    void rolledUpTo(RollUpLevel level, Instant end) {
        until.get(level).set(end);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
