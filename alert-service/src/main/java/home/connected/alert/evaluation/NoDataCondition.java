package home.connected.alert.evaluation;

import home.connected.alert.evaluation.SeriesState.State;
import home.connected.contracts.alert.v1.NoData;
import java.time.Duration;
import java.time.Instant;

/**
 * A series that sent nothing for {@code after} fires; so does every series of a device whose
 * retained status says offline (unless the rule ignores status). A reading resolves it.
 */
final class NoDataCondition implements Condition {

    static final String OFFLINE = "device offline";

    private final Duration after;
    private final boolean followStatus;
    private final String reason;

    NoDataCondition(NoData spec) {
        this.after = Condition.duration(spec.getAfter());
        this.followStatus = !spec.getIgnoreDeviceStatus();
        this.reason = "no data for " + Condition.human(after);
    }

    @Override
    public Change onReading(SeriesState series, double value, Instant ts) {
        if (series.state == State.FIRING) {
            series.enter(State.OK, ts, "");
            return Change.RESOLVED;
        }
        return Change.NONE;
    }

    @Override
    public Change onTick(SeriesState series, Instant now) {
        if (series.state != State.FIRING && Condition.elapsed(series.lastReadingAt, now, after)) {
            series.enter(State.FIRING, now, reason);
            return Change.FIRED;
        }
        return Change.NONE;
    }

    @Override
    public Change onDeviceStatus(SeriesState series, boolean online, Instant now) {
        if (!followStatus) {
            return Change.NONE;
        }
        if (!online && series.state != State.FIRING) {
            series.enter(State.FIRING, now, OFFLINE);
            return Change.FIRED;
        }
        if (online && series.state == State.FIRING && OFFLINE.equals(series.reason)) {
            if (Condition.elapsed(series.lastReadingAt, now, after)) {
                series.reason = reason;
                series.dirty = true;
                return Change.NONE;
            }
            series.enter(State.OK, now, "");
            return Change.RESOLVED;
        }
        return Change.NONE;
    }

    @Override
    public String threshold() {
        return Condition.human(after);
    }
}
