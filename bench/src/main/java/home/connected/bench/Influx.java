package home.connected.bench;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.domain.InfluxQLQuery;
import com.influxdb.query.InfluxQLQueryResult;
import java.util.List;

/** The dev InfluxDB, through the same front ingest-service writes to. */
final class Influx implements AutoCloseable {

    private final InfluxDBClient client;
    private final String database;

    Influx(Services services) {
        client = InfluxDBClientFactory.create(
                services.influxUrl(),
                services.influxToken().toCharArray(),
                services.influxOrg(),
                services.influxBucket());
        database = services.influxBucket();
    }

    InfluxDBClient client() {
        return client;
    }

    /** Readings stored for devices whose id starts with {@code prefix} (letters, digits and '-' only). */
    long countDevicesStartingWith(String prefix) {
        List<InfluxQLQueryResult.Series.Record> rows =
                rows("SELECT count(value) FROM reading WHERE device =~ /^" + prefix + "/");
        return rows.isEmpty() ? 0 : Long.parseLong((String) rows.get(0).getValueByKey("count"));
    }

    List<InfluxQLQueryResult.Series.Record> rows(String influxQl) {
        InfluxQLQueryResult result = client.getInfluxQLQueryApi()
                .query(new InfluxQLQuery(influxQl, database).setPrecision(InfluxQLQuery.InfluxQLPrecision.NANOSECONDS));
        if (result == null
                || result.getResults().isEmpty()
                || result.getResults().get(0).getSeries().isEmpty()) {
            return List.of();
        }
        return result.getResults().get(0).getSeries().get(0).getValues();
    }

    @Override
    public void close() {
        client.close();
    }
}
