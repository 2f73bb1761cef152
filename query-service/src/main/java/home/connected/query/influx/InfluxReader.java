package home.connected.query.influx;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.domain.InfluxQLQuery;
import com.influxdb.client.domain.InfluxQLQuery.InfluxQLPrecision;
import com.influxdb.query.InfluxQLQueryResult;
import home.connected.query.QueryProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one InfluxQL SELECT on the readings database and returns its series. JSON results: their
 * tag values arrive intact whatever characters they hold (the client's CSV reader splits tags on
 * {@code ,} and {@code =}). Every statement here yields no nulls (aggregates use {@code fill(none)}).
 */
@Component
public class InfluxReader {

    private static final Logger log = LoggerFactory.getLogger(InfluxReader.class);
    private static final String TIME = "time";
    /** The column names of a band: {@code SELECT mean(value) AS band_mean, min(value) AS band_min, ...}. */
    public static final String BAND_MEAN = "band_mean";

    public static final String BAND_MIN = "band_min";
    public static final String BAND_MAX = "band_max";
    /** The column of a window's number of readings beside its value: {@code count(value) AS readings}. */
    public static final String READINGS = "readings";

    private final InfluxDBClient influx;
    private final String database;
    private final String measurement;

    InfluxReader(InfluxDBClient influx, QueryProperties properties) {
        this.influx = influx;
        this.database = properties.influx().database();
        this.measurement = InfluxQl.identifier(properties.influx().measurement());
    }

    /** The quoted measurement name, for FROM. */
    public String measurement() {
        return measurement;
    }

    /** Series of a statement that selects time and one numeric column, or the three columns of a band. */
    public List<TaggedSeries> select(String influxQl) {
        return selectEach(List.of(influxQl)).get(0);
    }

    /** The series of each statement, in order, all sent in one request. */
    public List<List<TaggedSeries>> selectEach(List<String> statements) {
        InfluxQLQueryResult result;
        try {
            result = influx.getInfluxQLQueryApi()
                    .queryJSON(
                            new InfluxQLQuery(String.join(";\n", statements), database)
                                    .setPrecision(InfluxQLPrecision.NANOSECONDS),
                            (column, value, resultIndex, seriesName) -> value);
        } catch (RuntimeException e) {
            log.warn("InfluxDB query failed: {}", e.toString());
            throw new InfluxUnavailableException(e);
        }
        List<List<TaggedSeries>> each = new ArrayList<>(statements.size());
        statements.forEach(statement -> each.add(new ArrayList<>()));
        if (result == null) {
            return each;
        }
        for (InfluxQLQueryResult.Result statement : result.getResults()) {
            List<TaggedSeries> series = each.get(statement.getIndex());
            for (InfluxQLQueryResult.Series one : statement.getSeries()) {
                series.add(new TaggedSeries(one.getTags() == null ? Map.of() : Map.copyOf(one.getTags()), points(one)));
            }
        }
        return each;
    }

    private static List<TaggedSeries.TimedValue> points(InfluxQLQueryResult.Series series) {
        if (series.getColumns().containsKey(BAND_MIN)) {
            return bands(series);
        }
        int time = series.getColumns().get(TIME);
        int readings = series.getColumns().getOrDefault(READINGS, -1);
        int value = series.getColumns().entrySet().stream()
                .filter(column ->
                        !column.getKey().equals(TIME) && !column.getKey().equals(READINGS))
                .mapToInt(Map.Entry::getValue)
                .findFirst()
                .orElseThrow();
        List<TaggedSeries.TimedValue> points =
                new ArrayList<>(series.getValues().size());
        for (InfluxQLQueryResult.Series.Record record : series.getValues()) {
            Object[] row = record.getValues();
            points.add(new TaggedSeries.TimedValue(
                    Long.parseLong(row[time].toString()), number(row[value]), 0, 0, count(row, readings)));
        }
        return points;
    }

    private static List<TaggedSeries.TimedValue> bands(InfluxQLQueryResult.Series series) {
        Map<String, Integer> columns = series.getColumns();
        int time = columns.get(TIME);
        int mean = columns.get(BAND_MEAN);
        int min = columns.get(BAND_MIN);
        int max = columns.get(BAND_MAX);
        int readings = columns.getOrDefault(READINGS, -1);
        List<TaggedSeries.TimedValue> points =
                new ArrayList<>(series.getValues().size());
        for (InfluxQLQueryResult.Series.Record record : series.getValues()) {
            Object[] row = record.getValues();
            points.add(new TaggedSeries.TimedValue(
                    Long.parseLong(row[time].toString()),
                    number(row[mean]),
                    number(row[min]),
                    number(row[max]),
                    count(row, readings)));
        }
        return points;
    }

    private static double number(Object cell) {
        return Double.parseDouble(cell.toString());
    }

    private static long count(Object[] row, int column) {
        return column < 0 ? 0 : (long) number(row[column]);
    }
}
