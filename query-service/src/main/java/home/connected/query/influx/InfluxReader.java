package home.connected.query.influx;

import home.connected.query.QueryProperties;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs InfluxQL SELECTs on the readings database and returns their series. JSON answers: their
 * tag values arrive intact whatever characters they hold. Every statement here yields no nulls
 * (aggregates use {@code fill(none)}).
 */
@Component
public class InfluxReader {

    private static final Logger log = LoggerFactory.getLogger(InfluxReader.class);
    /** The column names of a band: {@code SELECT mean(value) AS band_mean, min(value) AS band_min, ...}. */
    public static final String BAND_MEAN = "band_mean";

    public static final String BAND_MIN = "band_min";
    public static final String BAND_MAX = "band_max";
    /** The column of a window's number of readings beside its value: {@code count(value) AS readings}. */
    public static final String READINGS = "readings";

    private final InfluxHttp influx;
    private final String measurement;

    InfluxReader(InfluxHttp influx, QueryProperties properties) {
        this.influx = influx;
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

    /**
     * The series of each statement, in order, all sent in one request. A statement InfluxDB refuses
     * (its result holds an error) has no series; the error is logged.
     *
     * @throws InfluxUnavailableException when InfluxDB does not answer, or not with 2xx and JSON
     */
    public List<List<TaggedSeries>> selectEach(List<String> statements) {
        InfluxQlJson.Answer answer =
                influx.query(String.join(";\n", statements), body -> InfluxQlJson.read(body, statements.size()));
        for (String error : answer.errors()) {
            log.warn("InfluxDB refused a statement: {}", error);
        }
        return answer.series();
    }
}
