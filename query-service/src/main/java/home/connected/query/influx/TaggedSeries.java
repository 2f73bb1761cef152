package home.connected.query.influx;

import java.util.List;
import java.util.Map;

/** One series of a result: its GROUP BY tag values (missing tags as "") and its points in time order. */
public record TaggedSeries(Map<String, String> tags, List<TimedValue> points) {

    public String tag(String name) {
        return tags.getOrDefault(name, "");
    }

    /**
     * A point; {@code min} and {@code max} are the band of a windowed mean, 0 for every other point;
     * {@code readings} how many readings a window holds where the statement asked for it, else 0.
     */
    public record TimedValue(long epochNanos, double value, double min, double max, long readings) {

        public TimedValue(long epochNanos, double value) {
            this(epochNanos, value, 0, 0, 0);
        }

        public TimedValue(long epochNanos, double value, double min, double max) {
            this(epochNanos, value, min, max, 0);
        }
    }
}
