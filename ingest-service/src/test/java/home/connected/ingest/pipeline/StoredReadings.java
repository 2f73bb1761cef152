package home.connected.ingest.pipeline;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.domain.InfluxQLQuery;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.query.InfluxQLQueryResult;
import home.connected.testing.DevServices;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads back what ingest stored in the dev InfluxDB, with InfluxQL. */
final class StoredReadings implements AutoCloseable {

    private final InfluxDBClient client;
    private final String database;

    StoredReadings() {
        DevServices services = DevServices.get();
        client = InfluxDBClientFactory.create(
                services.influxUrl(),
                services.influxToken().toCharArray(),
                services.influxOrg(),
                services.influxBucket());
        database = services.influxBucket();
    }

    /** Writes line protocol straight to InfluxDB, past ingest. */
    void writeDirectly(String lineProtocol) {
        client.getWriteApiBlocking().writeRecord(WritePrecision.NS, lineProtocol);
    }

    long count(String device) {
        List<InfluxQLQueryResult.Series.Record> rows =
                rows("SELECT count(value) FROM reading WHERE device = '" + device + "'");
        return rows.isEmpty() ? 0 : Long.parseLong((String) rows.get(0).getValueByKey("count"));
    }

    /** Rows with time in epoch nanoseconds and every tag, ordered by time. */
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

    /** Polls until the device has {@code expected} readings or the count stops growing for {@code quiet}. */
    long awaitCount(String device, long expected, Duration quiet) throws InterruptedException {
        long last = -1;
        long lastChange = System.nanoTime();
        while (true) {
            long now = count(device);
            if (now >= expected) {
                return now;
            }
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > quiet.toNanos()) {
                return now;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
