package home.connected.alert.evaluation;

import home.connected.contracts.alert.v1.Rule;
import java.time.Duration;
import java.time.Instant;

/** A rule's condition, applied to one series at a time. */
sealed interface Condition permits ThresholdCondition, NoDataCondition, RateOfChangeCondition {

    /** A new reading of the series (already recorded as its last value). */
    Change onReading(SeriesState series, double value, Instant ts);

    /** Time passed without a reading: timers (for, keep firing, no data, windows). */
    Change onTick(SeriesState series, Instant now);

    /** The device's retained status changed. */
    default Change onDeviceStatus(SeriesState series, boolean online, Instant now) {
        return Change.NONE;
    }

    /** For the {{threshold}} variable: "30", "5m", "2.5 within 10m". */
    String threshold();

    static Condition of(Rule rule) {
        return switch (rule.getConditionCase()) {
            case THRESHOLD -> new ThresholdCondition(rule.getThreshold());
            case NO_DATA -> new NoDataCondition(rule.getNoData());
            case RATE_OF_CHANGE -> new RateOfChangeCondition(rule.getRateOfChange());
            case CONDITION_NOT_SET -> throw new IllegalArgumentException("rule " + rule.getId() + " has no condition");
        };
    }

    static Duration duration(com.google.protobuf.Duration duration) {
        return Duration.ofSeconds(duration.getSeconds(), duration.getNanos());
    }

    static boolean elapsed(Instant since, Instant now, Duration length) {
        return since != null && !now.isBefore(since.plus(length));
    }

    /** 90s → "1m30s", 300s → "5m", 7200s → "2h". */
    static String human(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long days = duration.toDays();
        long hours = duration.toHoursPart();
        long minutes = duration.toMinutesPart();
        long seconds = duration.toSecondsPart();
        if (days > 0) {
            out.append(days).append('d');
        }
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(minutes).append('m');
        }
        if (seconds > 0 || out.length() == 0) {
            out.append(seconds).append('s');
        }
        return out.toString();
    }
}
