package home.connected.query.catalogue;

import home.connected.query.QueryProperties;
import home.connected.query.influx.TaggedSeries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * InfluxDB's last values for a set of sensors, reused for a few seconds and only while nothing new has been
 * stored: every stored announcement query-service hears ends them all. A home page, a chart and a poll asking
 * for the same sensors within seconds then cost InfluxDB one query, and no answer is older than the newest
 * stored reading query-service has heard of. Device names, rooms and statuses are applied after, so they
 * show at once.
 */
@Component
public class RecentLastValues {

    /** Sets of sensors remembered at most; a household asks for a handful (the home page, its rooms, charts). */
    static final int MAX_ENTRIES = 256;

    private final Duration keepFor;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    public RecentLastValues(QueryProperties properties, Clock clock) {
        this.keepFor = properties.limits().catalogueCache();
        this.clock = clock;
    }

    private record Entry(long generation, Instant until, List<TaggedSeries> series) {}

    /** Where a lookup stands: what is at hand, and the generation a new answer for it would belong to. */
    record Lookup(String key, long generation, Optional<List<TaggedSeries>> found) {}

    Lookup find(String key) {
        long now = generation.get();
        Entry entry = entries.get(key);
        boolean fresh =
                entry != null && entry.generation() == now && clock.instant().isBefore(entry.until());
        return new Lookup(key, now, fresh ? Optional.of(entry.series()) : Optional.empty());
    }

    /** Keeps InfluxDB's answer to a lookup, unless a reading was stored since the lookup began. */
    void keep(Lookup lookup, List<TaggedSeries> series) {
        if (keepFor.isZero() || lookup.generation() != generation.get()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(lookup.key(), new Entry(lookup.generation(), clock.instant().plus(keepFor), List.copyOf(series)));
    }

    /** A reading was stored: no answer from before it is reused. */
    public void readingsStored() {
        generation.incrementAndGet();
        entries.clear();
    }
}
