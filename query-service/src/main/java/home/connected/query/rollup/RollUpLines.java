package home.connected.query.rollup;

import home.connected.query.influx.ReadingSource;
import home.connected.query.influx.TaggedSeries;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** Roll-up points as InfluxDB line protocol, in batches of at most {@code batch} lines. */
final class RollUpLines {

    private final String measurement;
    private final int batch;

    RollUpLines(String measurement, int batch) {
        this.measurement = escape(measurement, ", ");
        this.batch = batch;
    }

    /**
     * @param series windows of a band with readings: mean as value, min, max and readings
     * @return how many points
     */
    int write(List<TaggedSeries> series, Consumer<String> out) {
        StringBuilder lines = new StringBuilder();
        int inBatch = 0;
        int points = 0;
        for (TaggedSeries one : series) {
            String key = seriesKey(one.tags());
            for (TaggedSeries.TimedValue window : one.points()) {
                lines.append(key)
                        .append(' ')
                        .append(ReadingSource.MEAN)
                        .append('=')
                        .append(window.value())
                        .append(',')
                        .append(ReadingSource.MIN)
                        .append('=')
                        .append(window.min())
                        .append(',')
                        .append(ReadingSource.MAX)
                        .append('=')
                        .append(window.max())
                        .append(',')
                        .append(ReadingSource.SUM)
                        .append('=')
                        .append(window.value() * window.readings())
                        .append(',')
                        .append(ReadingSource.COUNT)
                        .append('=')
                        .append(window.readings())
                        .append("i ")
                        .append(window.epochNanos())
                        .append('\n');
                points++;
                if (++inBatch == batch) {
                    out.accept(lines.toString());
                    lines.setLength(0);
                    inBatch = 0;
                }
            }
        }
        if (inBatch > 0) {
            out.accept(lines.toString());
        }
        return points;
    }

    private String seriesKey(Map<String, String> tags) {
        StringBuilder key = new StringBuilder(measurement);
        new TreeMap<>(tags).forEach((name, value) -> {
            if (!value.isEmpty()) {
                key.append(',').append(escape(name, ",= ")).append('=').append(escape(value, ",= "));
            }
        });
        return key.toString();
    }

    /** Line protocol's escapes: a backslash before each special character (ingest stores no backslashes or line breaks). */
    static String escape(String text, String special) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (special.indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
