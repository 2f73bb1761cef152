package home.connected.alert.evaluation;

import home.connected.alert.delivery.Notice;
import home.connected.alert.evaluation.SeriesState.Point;
import home.connected.alert.evaluation.SeriesState.State;
import home.connected.contracts.alert.v1.RateOfChange;
import java.time.Duration;
import java.time.Instant;

/**
 * Fires while the values of the last {@code per} spread by more than {@code max_change} (highest
 * minus lowest, so a rise and a fall both count); resolves once the window no longer does.
 */
final class RateOfChangeCondition implements Condition {

    private final double maxChange;
    private final Duration per;
    private final String reason;

    RateOfChangeCondition(RateOfChange spec) {
        this.maxChange = spec.getMaxChange();
        this.per = Condition.duration(spec.getPer());
        this.reason = "changed by more than " + Notice.format(maxChange) + " within " + Condition.human(per);
    }

    @Override
    public Change onReading(SeriesState series, double value, Instant ts) {
        series.recent.addLast(new Point(ts, value));
        return judge(series, ts);
    }

    @Override
    public Change onTick(SeriesState series, Instant now) {
        return judge(series, now);
    }

    private Change judge(SeriesState series, Instant now) {
        Instant oldest = now.minus(per);
        int before = series.recent.size();
        while (!series.recent.isEmpty() && series.recent.peekFirst().ts().isBefore(oldest)) {
            series.recent.removeFirst();
        }
        if (series.recent.size() != before) {
            series.dirty = true;
        }
        double spread = spread(series);
        if (series.state != State.FIRING && spread > maxChange) {
            series.enter(State.FIRING, now, reason);
            return Change.FIRED;
        }
        if (series.state == State.FIRING && spread <= maxChange) {
            series.enter(State.OK, now, "");
            return Change.RESOLVED;
        }
        return Change.NONE;
    }

    private static double spread(SeriesState series) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Point point : series.recent) {
            min = Math.min(min, point.value());
            max = Math.max(max, point.value());
        }
        return series.recent.size() < 2 ? 0 : max - min;
    }

    @Override
    public String threshold() {
        return Notice.format(maxChange) + " within " + Condition.human(per);
    }
}
