package home.connected.alert.evaluation;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.domain.InfluxQLQuery;
import com.influxdb.client.domain.InfluxQLQuery.InfluxQLPrecision;
import com.influxdb.query.InfluxQLQueryResult;
import home.connected.alert.AlertProperties;
import home.connected.contracts.alert.v1.SensorSelector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The stored readings read back from InfluxDB: what was announced while alert-service was away
 * (the catch-up), the last reading of every series (so a no-data rule knows series that went
 * quiet before it ran), and a rule's readings of a past span for a backtest.
 */
@Component
class StoredReadingsHistory {

    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final String TAGS = "GROUP BY \"device\", \"sensor\", \"quantity\", \"location\", \"unit\"";

    private final InfluxDBClient influx;
    private final String database;
    private final String measurement;

    StoredReadingsHistory(InfluxDBClient influx, AlertProperties properties) {
        this.influx = influx;
        this.database = properties.influx().database();
        this.measurement =
                "\"" + properties.influx().measurement().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Every reading stored with a time in (from, to], in windows, each series in time order. */
    long replay(Instant from, Instant to, Consumer<List<StoredReading>> sink) {
        long count = 0;
        for (Instant start = from; start.isBefore(to); start = start.plus(WINDOW)) {
            Instant end = start.plus(WINDOW).isBefore(to) ? start.plus(WINDOW) : to;
            List<StoredReading> readings = select("SELECT \"value\" FROM " + measurement + " WHERE time > "
                    + nanos(start) + " AND time <= " + nanos(end) + " " + TAGS);
            count += readings.size();
            if (!readings.isEmpty()) {
                sink.accept(readings);
            }
        }
        return count;
    }

    /** The readings the selector matches with a time in [from, to), each series in time order. */
    List<StoredReading> select(SensorSelector selector, Instant from, Instant to) {
        return select("SELECT \"value\" FROM " + measurement + " WHERE " + selected(selector) + "time >= " + nanos(from)
                + " AND time < " + nanos(to) + " " + TAGS);
    }

    /**
     * How many readings the selector matches with a time in [from, to), per hour since the epoch
     * (by the hour's start; hours without any left out).
     */
    SortedMap<Instant, Long> countPerHour(SensorSelector selector, Instant from, Instant to) {
        InfluxQLQueryResult result = query("SELECT count(\"value\") FROM " + measurement + " WHERE "
                + selected(selector) + "time >= " + nanos(from) + " AND time < " + nanos(to)
                + " GROUP BY time(1h) fill(none)");
        SortedMap<Instant, Long> counts = new TreeMap<>();
        if (result == null) {
            return counts;
        }
        for (InfluxQLQueryResult.Result statement : result.getResults()) {
            for (InfluxQLQueryResult.Series series : statement.getSeries()) {
                int time = series.getColumns().get("time");
                int count = series.getColumns().get("count");
                for (InfluxQLQueryResult.Series.Record record : series.getValues()) {
                    Object[] row = record.getValues();
                    if (row[count] != null) {
                        counts.merge(
                                Instant.ofEpochSecond(0, Long.parseLong(row[time].toString())),
                                (long) Double.parseDouble(row[count].toString()),
                                Long::sum);
                    }
                }
            }
        }
        return counts;
    }

    /** The last reading of every series stored within {@code lookBack} before {@code now}. */
    List<StoredReading> lastOfEverySeries(Instant now, Duration lookBack) {
        return select("SELECT last(\"value\") FROM " + measurement + " WHERE time > " + nanos(now.minus(lookBack))
                + " AND time <= " + nanos(now) + " " + TAGS);
    }

    /** The last reading of every series the selector matches stored in [before - lookBack, before). */
    List<StoredReading> lastBefore(SensorSelector selector, Instant before, Duration lookBack) {
        return select("SELECT last(\"value\") FROM " + measurement + " WHERE " + selected(selector) + "time >= "
                + nanos(before.minus(lookBack)) + " AND time < " + nanos(before) + " " + TAGS);
    }

    /** {@code "device" = 'x' AND } for each field the selector sets (none: empty). */
    private static String selected(SensorSelector selector) {
        StringBuilder where = new StringBuilder();
        tag(where, "device", selector.getDeviceId());
        tag(where, "sensor", selector.getSensor());
        tag(where, "quantity", selector.getQuantity());
        tag(where, "location", selector.getLocation());
        return where.toString();
    }

    private static void tag(StringBuilder where, String tag, String value) {
        if (!value.isEmpty()) {
            where.append('"').append(tag).append("\" = ").append(literal(value)).append(" AND ");
        }
    }

    /**
     * {@code 'value'} with {@code \} and {@code '} escaped. Control characters (a newline could start
     * another statement) never get here: the rule validator refuses them in a selector.
     */
    private static String literal(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException("control characters cannot be rendered into InfluxQL");
            }
            if (c == '\\' || c == '\'') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('\'').toString();
    }

    private InfluxQLQueryResult query(String influxQl) {
        return influx.getInfluxQLQueryApi()
                .queryJSON(
                        new InfluxQLQuery(influxQl, database).setPrecision(InfluxQLPrecision.NANOSECONDS),
                        (column, value, resultIndex, seriesName) -> value);
    }

    private List<StoredReading> select(String influxQl) {
        InfluxQLQueryResult result = query(influxQl);
        List<StoredReading> readings = new ArrayList<>();
        if (result == null) {
            return readings;
        }
        for (InfluxQLQueryResult.Result statement : result.getResults()) {
            for (InfluxQLQueryResult.Series series : statement.getSeries()) {
                Map<String, String> tags = series.getTags() == null ? Map.of() : series.getTags();
                int time = series.getColumns().get("time");
                int value = series.getColumns().entrySet().stream()
                        .filter(column -> !column.getKey().equals("time"))
                        .mapToInt(Map.Entry::getValue)
                        .findFirst()
                        .orElseThrow();
                for (InfluxQLQueryResult.Series.Record record : series.getValues()) {
                    Object[] row = record.getValues();
                    if (row[value] == null) {
                        continue;
                    }
                    long ns = Long.parseLong(row[time].toString());
                    readings.add(new StoredReading(
                            tags.getOrDefault("device", ""),
                            tags.getOrDefault("sensor", ""),
                            tags.getOrDefault("quantity", ""),
                            tags.getOrDefault("location", ""),
                            tags.getOrDefault("unit", ""),
                            Double.parseDouble(row[value].toString()),
                            Instant.ofEpochSecond(0, ns)));
                }
            }
        }
        return readings;
    }

    private static String nanos(Instant at) {
        return (at.getEpochSecond() * 1_000_000_000L + at.getNano()) + "";
    }
}
