package home.connected.alert.evaluation;

import home.connected.alert.evaluation.SeriesState.State;
import home.connected.contracts.alert.v1.Rule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules applied to readings, device status and the passing of time, one series at a time.
 * Pure logic and single-threaded: it decides what happened and what must be told; the
 * {@link EvaluationLoop} stores that and the dispatcher sends it.
 *
 * <p>Who is told: channels hear of a firing unless the rule or the series is silenced (they hear
 * later if the silence ends while it still fires), of repeats while it fires unacknowledged and
 * unsilenced, and of the resolve only if they heard of the firing and the rule wants resolves.
 * MQTT actions are automations, not messages: they run on every firing and resolve, silenced or
 * acknowledged or not.
 */
final class Evaluator {

    /** A series of one rule; its hash is computed once, since every matching rule looks it up. */
    static final class SeriesKey {
        final String device;
        final String sensor;
        final String quantity;
        private final int hash;

        SeriesKey(String device, String sensor, String quantity) {
            this.device = device;
            this.sensor = sensor;
            this.quantity = quantity;
            this.hash = (device.hashCode() * 31 + sensor.hashCode()) * 31 + quantity.hashCode();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SeriesKey key
                    && key.hash == hash
                    && key.device.equals(device)
                    && key.sensor.equals(sensor)
                    && key.quantity.equals(quantity);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** A reading's device, sensor, quantity and location: what decides which rules it matches. */
    private static final class ReadingKey {
        private final String device;
        private final String sensor;
        private final String quantity;
        private final String location;
        private final int hash;

        ReadingKey(StoredReading reading) {
            this.device = reading.device();
            this.sensor = reading.sensor();
            this.quantity = reading.quantity();
            this.location = reading.location();
            this.hash = ((device.hashCode() * 31 + sensor.hashCode()) * 31 + quantity.hashCode()) * 31
                    + location.hashCode();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ReadingKey key
                    && key.hash == hash
                    && key.device.equals(device)
                    && key.sensor.equals(sensor)
                    && key.quantity.equals(quantity)
                    && key.location.equals(location);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** A rule a reading matches, with the reading's series under that rule. */
    private record Target(CompiledRule rule, SeriesState state) {}

    /** What people decided about one series (alert_series_control). */
    record Control(long ackedEpisode, Instant silencedUntil) {
        static final Control NONE = new Control(-1, Instant.EPOCH);
    }

    private final Map<String, CompiledRule> rules = new LinkedHashMap<>();
    /** More distinct reading identities than a home has series: the cache starts over. */
    private static final int MAX_TARGETS = 200_000;

    private RuleIndex index = new RuleIndex(List.of());
    private final Map<ReadingKey, Target[]> targets = new HashMap<>();
    private final Map<String, Map<SeriesKey, SeriesState>> series = new HashMap<>();
    private final Map<String, Boolean> offline = new HashMap<>();
    private Map<String, Control> controls = Map.of();
    private final List<SeriesState> transitioned = new ArrayList<>();
    private long evaluations;
    private volatile Map<State, Integer> lastCounts = Map.of();

    /** The series stored by an earlier leader. */
    void load(Collection<SeriesState> stored) {
        targets.clear();
        for (SeriesState state : stored) {
            state.dirty = false;
            series.computeIfAbsent(state.ruleId, id -> new HashMap<>())
                    .put(new SeriesKey(state.device, state.sensor, state.quantity), state);
        }
    }

    /**
     * The rules now (enabled or not). Series of deleted rules are forgotten (their rows go with the
     * rule); a series a rule no longer selects, or of a disabled rule, goes back to ok without a message.
     */
    void rules(Collection<Rule> all, Instant now) {
        rules.clear();
        Map<String, CompiledRule> enabled = new LinkedHashMap<>();
        for (Rule rule : all) {
            CompiledRule compiled = new CompiledRule(rule);
            rules.put(rule.getId(), compiled);
            if (rule.getEnabled()) {
                enabled.put(rule.getId(), compiled);
            }
        }
        series.keySet().retainAll(rules.keySet());
        rules.values().forEach(rule -> rule.series = series.computeIfAbsent(rule.id(), id -> new HashMap<>()));
        series.forEach((ruleId, states) -> {
            CompiledRule rule = enabled.get(ruleId);
            for (SeriesState state : states.values()) {
                boolean selected = rule != null
                        && rule.matches(new StoredReading(
                                state.device, state.sensor, state.quantity, state.location, state.unit, 0, now));
                if (!selected && state.state != State.OK) {
                    state.beyondSince = null;
                    state.backSince = null;
                    state.enter(State.OK, now, "");
                    transitioned.add(state);
                }
            }
        });
        index = new RuleIndex(enabled.values());
        targets.clear();
    }

    void controls(Map<String, Control> current) {
        controls = current;
    }

    List<Outcome> readings(List<StoredReading> batch, Instant now) {
        List<Outcome> out = new ArrayList<>();
        for (StoredReading reading : batch) {
            for (Target target : targetsOf(reading, now)) {
                evaluate(target.rule(), target.state(), reading, now, out);
            }
        }
        return out;
    }

    private void evaluate(CompiledRule rule, SeriesState state, StoredReading reading, Instant now, List<Outcome> out) {
        evaluations++;
        Instant ts = reading.ts();
        if (state.lastReadingAt != null && ts.compareTo(state.lastReadingAt) <= 0) {
            return;
        }
        state.lastValue = reading.value();
        state.lastReadingAt = ts;
        // Long-lived states keep their strings: fewer young objects referenced from the old generation.
        if (!reading.location().equals(state.location)) {
            state.location = reading.location();
        }
        if (!reading.unit().equals(state.unit)) {
            state.unit = reading.unit();
        }
        state.dirty = true;
        Instant firingSince = firingSince(state);
        State before = state.state;
        Change change = rule.condition.onReading(state, reading.value(), ts);
        after(rule, state, before, change, firingSince, ts, now, out);
    }

    /**
     * The rules a reading matches and its series under each, looked up once per distinct reading
     * identity rather than matched rule by rule for every reading; forgotten when the rules change.
     */
    private Target[] targetsOf(StoredReading reading, Instant now) {
        ReadingKey identity = new ReadingKey(reading);
        Target[] found = targets.get(identity);
        if (found == null) {
            if (targets.size() >= MAX_TARGETS) {
                targets.clear();
            }
            List<Target> matched = new ArrayList<>();
            SeriesKey key = new SeriesKey(reading.device(), reading.sensor(), reading.quantity());
            index.forEachMatch(reading, rule -> matched.add(new Target(rule, seriesOf(rule, reading, key, now))));
            found = matched.toArray(Target[]::new);
            targets.put(identity, found);
        }
        return found;
    }

    /**
     * A reading seen before this leader's time (InfluxDB's last one of a series): lets a no-data
     * rule know a series that has since gone quiet. Never evaluated as a value.
     */
    void seed(StoredReading reading, Instant now) {
        index.forEachMatch(reading, rule -> {
            if (rule.condition instanceof NoDataCondition) {
                SeriesState state = seriesOf(
                        rule, reading, new SeriesKey(reading.device(), reading.sensor(), reading.quantity()), now);
                if (state.lastReadingAt == null || reading.ts().isAfter(state.lastReadingAt)) {
                    state.lastReadingAt = reading.ts();
                    state.lastValue = reading.value();
                    state.dirty = true;
                }
            }
        });
    }

    List<Outcome> deviceStatus(String device, boolean online, Instant now) {
        boolean wasOffline = offline.getOrDefault(device, false);
        offline.put(device, !online);
        List<Outcome> out = new ArrayList<>();
        if (wasOffline == !online) {
            return out;
        }
        forEachEnabled((rule, state) -> {
            if (state.device.equals(device)) {
                Instant firingSince = firingSince(state);
                State before = state.state;
                Change change = rule.condition.onDeviceStatus(state, online, now);
                after(rule, state, before, change, firingSince, now, now, out);
            }
        });
        return out;
    }

    List<Outcome> tick(Instant now) {
        lastCounts = countByState();
        List<Outcome> out = new ArrayList<>();
        forEachEnabled((rule, state) -> {
            Instant firingSince = firingSince(state);
            State before = state.state;
            Change change = rule.condition.onTick(state, now);
            after(rule, state, before, change, firingSince, now, now, out);
            if (state.state == State.FIRING && change == Change.NONE) {
                reminders(rule, state, now, out);
            }
        });
        return out;
    }

    /** Series whose state changed since the last call: written at once, not at the next checkpoint. */
    List<SeriesState> drainTransitioned() {
        List<SeriesState> drained = List.copyOf(transitioned);
        transitioned.clear();
        return drained;
    }

    List<SeriesState> dirty() {
        List<SeriesState> dirty = new ArrayList<>();
        series.values()
                .forEach(states ->
                        states.values().stream().filter(state -> state.dirty).forEach(dirty::add));
        return dirty;
    }

    long evaluations() {
        return evaluations;
    }

    /** Series by state as of the last tick (for metrics, read from other threads). */
    Map<State, Integer> lastCounts() {
        return lastCounts;
    }

    Map<State, Integer> countByState() {
        Map<State, Integer> counts = new java.util.EnumMap<>(State.class);
        for (State state : State.values()) {
            counts.put(state, 0);
        }
        series.values().forEach(states -> states.values().forEach(s -> counts.merge(s.state, 1, Integer::sum)));
        return counts;
    }

    /** Series of every rule, whatever their state. */
    int seriesCount() {
        return series.values().stream().mapToInt(Map::size).sum();
    }

    java.util.Set<String> enabledRuleIds() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        rules.forEach((id, rule) -> {
            if (rule.rule.getEnabled()) {
                ids.add(id);
            }
        });
        return ids;
    }

    boolean knows(String ruleId) {
        return rules.containsKey(ruleId);
    }

    int ruleCount() {
        return rules.size();
    }

    private void after(
            CompiledRule rule,
            SeriesState state,
            State before,
            Change change,
            Instant firingSince,
            Instant at,
            Instant now,
            List<Outcome> out) {
        if (state.state != before) {
            transitioned.add(state);
        }
        if (change == Change.FIRED) {
            boolean tell = !silenced(rule, state, now);
            if (tell) {
                state.notifiedEpisode = state.episode;
                state.lastNotifiedAt = now;
            }
            out.add(new Outcome(state, rule, Outcome.FIRING, state.lastValue, at, at, tell, true));
        } else if (change == Change.RESOLVED) {
            boolean tell = state.notifiedEpisode == state.episode && rule.notifyResolved && !silenced(rule, state, now);
            out.add(new Outcome(
                    state,
                    rule,
                    Outcome.RESOLVED,
                    state.lastValue,
                    firingSince == null ? at : firingSince,
                    at,
                    tell,
                    true));
        }
    }

    /** A firing series: the firing message once a silence ends, or the next repeat. */
    private void reminders(CompiledRule rule, SeriesState state, Instant now, List<Outcome> out) {
        if (silenced(rule, state, now)) {
            return;
        }
        if (state.notifiedEpisode != state.episode) {
            state.notifiedEpisode = state.episode;
            state.lastNotifiedAt = now;
            state.dirty = true;
            transitioned.add(state);
            out.add(new Outcome(state, rule, Outcome.FIRING, state.lastValue, state.stateSince, now, true, false));
            return;
        }
        boolean acked = controlOf(state).ackedEpisode() == state.episode;
        if (acked || rule.repeatInterval.isZero() || state.lastNotifiedAt == null) {
            return;
        }
        if (Condition.elapsed(state.lastNotifiedAt, now, rule.repeatInterval)) {
            state.repeats++;
            state.lastNotifiedAt = now;
            state.dirty = true;
            transitioned.add(state);
            out.add(new Outcome(
                    state, rule, Outcome.REPEAT + state.repeats, state.lastValue, state.stateSince, now, true, false));
        }
    }

    private boolean silenced(CompiledRule rule, SeriesState state, Instant now) {
        return rule.silencedUntil.isAfter(now)
                || controlOf(state).silencedUntil().isAfter(now);
    }

    private Control controlOf(SeriesState state) {
        return controls.getOrDefault(state.alertId, Control.NONE);
    }

    private static Instant firingSince(SeriesState state) {
        return state.state == State.FIRING ? state.stateSince : null;
    }

    /** Get, then put when new: no lambda to allocate on the path every reading of every rule takes. */
    private SeriesState seriesOf(CompiledRule rule, StoredReading reading, SeriesKey key, Instant now) {
        SeriesState state = rule.series.get(key);
        if (state == null) {
            state = new SeriesState(
                    AlertIds.of(rule.id(), key.device, key.sensor, key.quantity),
                    rule.id(),
                    key.device,
                    key.sensor,
                    key.quantity,
                    reading.location(),
                    reading.unit(),
                    now);
            rule.series.put(key, state);
        }
        return state;
    }

    private void forEachEnabled(java.util.function.BiConsumer<CompiledRule, SeriesState> action) {
        series.forEach((ruleId, states) -> {
            CompiledRule rule = rules.get(ruleId);
            if (rule != null && rule.rule.getEnabled()) {
                List.copyOf(states.values()).forEach(state -> action.accept(rule, state));
            }
        });
    }
}
