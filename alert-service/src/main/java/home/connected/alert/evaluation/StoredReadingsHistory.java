package home.connected.alert.evaluation;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.domain.InfluxQLQuery;
import com.influxdb.client.domain.InfluxQLQuery.InfluxQLPrecision;
import com.influxdb.query.InfluxQLQueryResult;
import home.connected.alert.AlertProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The stored readings read back from InfluxDB: what was announced while alert-service was away
 * (the catch-up), and the last reading of every series (so a no-data rule knows series that went
 * quiet before it ran).
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

    /** The last reading of every series stored within {@code lookBack} before {@code now}. */
    List<StoredReading> lastOfEverySeries(Instant now, Duration lookBack) {
        return select("SELECT last(\"value\") FROM " + measurement + " WHERE time > " + nanos(now.minus(lookBack))
                + " AND time <= " + nanos(now) + " " + TAGS);
    }

    private List<StoredReading> select(String influxQl) {
        InfluxQLQueryResult result = influx.getInfluxQLQueryApi()
                .queryJSON(
                        new InfluxQLQuery(influxQl, database).setPrecision(InfluxQLPrecision.NANOSECONDS),
                        (column, value, resultIndex, seriesName) -> value);
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
