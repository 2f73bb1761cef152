package home.connected.alert.evaluation;

import java.time.Instant;

/**
 * A transition worth recording: an alert_event row (firing, repeat-N or resolved) and
 * notifications to the rule's channels and/or its MQTT actions.
 *
 * @param since when the series started firing
 * @param at when the transition happened
 */
record Outcome(
        SeriesState series,
        CompiledRule rule,
        String transition,
        double value,
        Instant since,
        Instant at,
        boolean toChannels,
        boolean toActions) {

    static final String FIRING = "firing";
    static final String RESOLVED = "resolved";
    static final String REPEAT = "repeat-";

    /** The series began firing: a new episode, not a reminder of one. */
    boolean fired() {
        return toActions && FIRING.equals(transition);
    }

    boolean resolved() {
        return RESOLVED.equals(transition);
    }
}
