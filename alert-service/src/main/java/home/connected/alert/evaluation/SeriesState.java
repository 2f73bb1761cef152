package home.connected.alert.evaluation;

import java.time.Instant;
import java.util.ArrayDeque;

/**
 * What the evaluator knows of one series (device, sensor, quantity) under one rule. Mutable, and
 * touched only by the evaluation thread.
 */
final class SeriesState {

    enum State {
        OK,
        PENDING,
        FIRING;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static State ofColumn(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** One (time, value) of the recent window a rate-of-change rule looks at. */
    record Point(Instant ts, double value) {}

    final String alertId;
    final String ruleId;
    final String device;
    final String sensor;
    final String quantity;
    String location;
    String unit;

    State state = State.OK;
    Instant stateSince;
    long episode;
    long notifiedEpisode;
    Instant lastNotifiedAt;
    int repeats;
    double lastValue = Double.NaN;
    Instant lastReadingAt;
    /** When the value first went beyond the threshold (the start of pending). */
    Instant beyondSince;
    /** When a firing value came back (keep_firing_for counts from here). */
    Instant backSince;

    String reason = "";
    final ArrayDeque<Point> recent = new ArrayDeque<>();
    /** Changed since the last checkpoint. */
    boolean dirty = true;
    /** The checkpoint after which it changed while still unsaved; null when saved or not yet looked at. */
    Instant dirtySince;

    SeriesState(
            String alertId,
            String ruleId,
            String device,
            String sensor,
            String quantity,
            String location,
            String unit,
            Instant now) {
        this.alertId = alertId;
        this.ruleId = ruleId;
        this.device = device;
        this.sensor = sensor;
        this.quantity = quantity;
        this.location = location;
        this.unit = unit;
        this.stateSince = now;
    }

    /** The row as it is now; marks the series saved (a failed write starts evaluation over from MariaDB). */
    SeriesRow snapshot() {
        dirty = false;
        dirtySince = null;
        return new SeriesRow(
                alertId,
                ruleId,
                device,
                sensor,
                quantity,
                location,
                unit,
                state.column(),
                stateSince,
                episode,
                notifiedEpisode,
                lastNotifiedAt,
                repeats,
                lastValue,
                lastReadingAt,
                beyondSince,
                backSince,
                reason,
                recentText());
    }

    /** The rate-of-change window as "epochMillis,value;…" (at most the last 500 points), null when empty. */
    private String recentText() {
        if (recent.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int skip = Math.max(0, recent.size() - 500);
        for (Point point : recent) {
            if (skip-- > 0) {
                continue;
            }
            if (out.length() > 0) {
                out.append(';');
            }
            out.append(point.ts().toEpochMilli()).append(',').append(point.value());
        }
        return out.toString();
    }

    void enter(State next, Instant at, String why) {
        if (next == State.FIRING && state != State.FIRING) {
            episode++;
            repeats = 0;
        }
        state = next;
        stateSince = at;
        reason = why;
        dirty = true;
    }
}
