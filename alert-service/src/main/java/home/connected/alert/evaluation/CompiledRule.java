package home.connected.alert.evaluation;

import com.google.protobuf.util.Timestamps;
import home.connected.contracts.alert.v1.Rule;
import home.connected.contracts.alert.v1.SensorSelector;
import java.time.Duration;
import java.time.Instant;

/** A rule ready to evaluate: its condition, selector and notification settings. */
final class CompiledRule {

    final Rule rule;
    final Condition condition;
    final Duration repeatInterval;
    final boolean notifyResolved;
    final Instant silencedUntil;
    private final SensorSelector selector;
    /** This rule's series, the evaluator's map (kept across reloads of the rule). */
    java.util.Map<Evaluator.SeriesKey, SeriesState> series = new java.util.HashMap<>();

    CompiledRule(Rule rule) {
        this.rule = rule;
        this.condition = Condition.of(rule);
        this.selector = rule.getSelector();
        this.repeatInterval = Condition.duration(rule.getRepeatInterval());
        this.notifyResolved = !rule.hasNotifyResolved() || rule.getNotifyResolved();
        this.silencedUntil = rule.hasSilencedUntil()
                ? Instant.ofEpochMilli(Timestamps.toMillis(rule.getSilencedUntil()))
                : Instant.EPOCH;
    }

    String id() {
        return rule.getId();
    }

    boolean matches(StoredReading reading) {
        return matches(selector.getDeviceId(), reading.device())
                && matches(selector.getSensor(), reading.sensor())
                && matches(selector.getQuantity(), reading.quantity())
                && matches(selector.getLocation(), reading.location());
    }

    boolean matchesDevice(String device) {
        return matches(selector.getDeviceId(), device);
    }

    SensorSelector selector() {
        return selector;
    }

    private static boolean matches(String wanted, String actual) {
        return wanted.isEmpty() || wanted.equals(actual);
    }
}
