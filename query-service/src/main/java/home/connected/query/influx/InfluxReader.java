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
        InfluxQLQueryResult result;
        try {
            result = influx.getInfluxQLQueryApi()
                    .queryJSON(
                            new InfluxQLQuery(influxQl, database).setPrecision(InfluxQLPrecision.NANOSECONDS),
                            (column, value, resultIndex, seriesName) -> value);
        } catch (RuntimeException e) {
            log.warn("InfluxDB query failed: {}", e.toString());
            throw new InfluxUnavailableException(e);
        }
        List<TaggedSeries> series = new ArrayList<>();
        if (result == null) {
            return series;
        }
        for (InfluxQLQueryResult.Result statement : result.getResults()) {
            for (InfluxQLQueryResult.Series one : statement.getSeries()) {
                series.add(new TaggedSeries(one.getTags() == null ? Map.of() : Map.copyOf(one.getTags()), points(one)));
            }
        }
        return series;
    }

    private static List<TaggedSeries.TimedValue> points(InfluxQLQueryResult.Series series) {
        if (series.getColumns().containsKey(BAND_MIN)) {
            return bands(series);
        }
        int time = series.getColumns().get(TIME);
        int value = series.getColumns().entrySet().stream()
                .filter(column -> !column.getKey().equals(TIME))
                .mapToInt(Map.Entry::getValue)
                .findFirst()
                .orElseThrow();
        List<TaggedSeries.TimedValue> points =
                new ArrayList<>(series.getValues().size());
        for (InfluxQLQueryResult.Series.Record record : series.getValues()) {
            Object[] row = record.getValues();
            points.add(new TaggedSeries.TimedValue(
                    Long.parseLong(row[time].toString()), Double.parseDouble(row[value].toString())));
        }
        return points;
    }

    private static List<TaggedSeries.TimedValue> bands(InfluxQLQueryResult.Series series) {
        Map<String, Integer> columns = series.getColumns();
        int time = columns.get(TIME);
        int mean = columns.get(BAND_MEAN);
        int min = columns.get(BAND_MIN);
        int max = columns.get(BAND_MAX);
        List<TaggedSeries.TimedValue> points =
                new ArrayList<>(series.getValues().size());
        for (InfluxQLQueryResult.Series.Record record : series.getValues()) {
            Object[] row = record.getValues();
            points.add(new TaggedSeries.TimedValue(
                    Long.parseLong(row[time].toString()),
                    Double.parseDouble(row[mean].toString()),
                    Double.parseDouble(row[min].toString()),
                    Double.parseDouble(row[max].toString())));
        }
        return points;
    }
}
