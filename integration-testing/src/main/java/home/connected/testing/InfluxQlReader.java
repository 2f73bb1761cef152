package home.connected.testing;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.domain.InfluxQLQuery;
import com.influxdb.query.InfluxQLQueryResult;
import java.util.List;

/**
 * A client of the dev InfluxDB through the front ingest-service writes to, reading back with
 * InfluxQL what was stored: for tests and the bench.
 */
public final class InfluxQlReader implements AutoCloseable {

    private final InfluxDBClient client;
    private final String database;

    public InfluxQlReader(String url, String token, String org, String bucket) {
        client = InfluxDBClientFactory.create(url, token.toCharArray(), org, bucket);
        database = bucket;
    }

    /** The dev services' InfluxDB ({@link DevServices}). */
    public static InfluxQlReader ofDevServices() {
        return ofDevServices(DevServices.get().influxBucket());
    }

    /** Another bucket (database) of the dev services' InfluxDB, e.g. a {@link RunningSystem}'s own. */
    public static InfluxQlReader ofDevServices(String bucket) {
        DevServices services = DevServices.get();
        return new InfluxQlReader(services.influxUrl(), services.influxToken(), services.influxOrg(), bucket);
    }

    public InfluxDBClient client() {
        return client;
    }

    /** The rows of the first series, times in epoch nanoseconds; empty when there is none. */
    public List<InfluxQLQueryResult.Series.Record> rows(String influxQl) {
        InfluxQLQueryResult result = client.getInfluxQLQueryApi()
                .query(new InfluxQLQuery(influxQl, database).setPrecision(InfluxQLQuery.InfluxQLPrecision.NANOSECONDS));
        if (result == null
                || result.getResults().isEmpty()
                || result.getResults().get(0).getSeries().isEmpty()) {
            return List.of();
        }
        return result.getResults().get(0).getSeries().get(0).getValues();
    }

    /** How many readings match an InfluxQL condition on the {@code reading} measurement. */
    public long countReadings(String where) {
        List<InfluxQLQueryResult.Series.Record> rows = rows("SELECT count(value) FROM reading WHERE " + where);
        return rows.isEmpty() ? 0 : Long.parseLong((String) rows.get(0).getValueByKey("count"));
    }

    @Override
    public void close() {
        client.close();
    }
}
