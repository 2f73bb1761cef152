package home.connected.alert.evaluation;

import home.connected.alert.delivery.Notice;
import home.connected.alert.evaluation.SeriesState.State;
import home.connected.contracts.alert.v1.Comparison;
import home.connected.contracts.alert.v1.Threshold;
import java.time.Duration;
import java.time.Instant;

/**
 * Above or below a threshold for a while. Pending once beyond it, firing after {@code for}; it
 * clears only once the value is back beyond threshold ∓ hysteresis (so a value wobbling around
 * the threshold stays one episode), and with keep_firing_for only after staying back that long.
 */
final class ThresholdCondition implements Condition {

    private final boolean above;
    private final double threshold;
    private final double hysteresis;
    private final Duration forDuration;
    private final Duration keepFiringFor;
    private final String reason;

    ThresholdCondition(Threshold spec) {
        this.above = spec.getComparison() != Comparison.COMPARISON_BELOW;
        this.threshold = spec.getValue();
        this.hysteresis = spec.getHysteresis();
        this.forDuration = Condition.duration(spec.getForDuration());
        this.keepFiringFor = Condition.duration(spec.getKeepFiringFor());
        this.reason = (above ? "above " : "below ")
                + Notice.format(threshold)
                + (forDuration.isZero() ? "" : " for " + Condition.human(forDuration));
    }

    @Override
    public Change onReading(SeriesState series, double value, Instant ts) {
        switch (series.state) {
            case OK -> {
                if (beyond(value)) {
                    series.beyondSince = ts;
                    if (forDuration.isZero()) {
                        return fire(series, ts);
                    }
                    series.enter(State.PENDING, ts, reason);
                }
            }
            case PENDING -> {
                if (!beyond(value)) {
                    series.beyondSince = null;
                    series.enter(State.OK, ts, "");
                } else if (Condition.elapsed(series.beyondSince, ts, forDuration)) {
                    return fire(series, ts);
                }
            }
            case FIRING -> {
                if (!cleared(value)) {
                    series.backSince = null;
                    return Change.NONE;
                }
                if (series.backSince == null) {
                    series.backSince = ts;
                }
                if (Condition.elapsed(series.backSince, ts, keepFiringFor)) {
                    return resolve(series, ts);
                }
            }
        }
        return Change.NONE;
    }

    @Override
    public Change onTick(SeriesState series, Instant now) {
        if (series.state == State.PENDING
                && beyond(series.lastValue)
                && Condition.elapsed(series.beyondSince, now, forDuration)) {
            return fire(series, now);
        }
        if (series.state == State.FIRING && Condition.elapsed(series.backSince, now, keepFiringFor)) {
            return resolve(series, now);
        }
        return Change.NONE;
    }

    @Override
    public String threshold() {
        return Notice.format(threshold);
    }

    private Change fire(SeriesState series, Instant at) {
        series.backSince = null;
        series.enter(State.FIRING, at, reason);
        return Change.FIRED;
    }

    private Change resolve(SeriesState series, Instant at) {
        series.beyondSince = null;
        series.backSince = null;
        series.enter(State.OK, at, "");
        return Change.RESOLVED;
    }

    private boolean beyond(double value) {
        return above ? value > threshold : value < threshold;
    }

    private boolean cleared(double value) {
        return above ? value <= threshold - hysteresis : value >= threshold + hysteresis;
    }
}
