package home.connected.ingest.pipeline;

import static org.awaitility.Awaitility.await;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.query.InfluxQLQueryResult;
import home.connected.testing.InfluxQlReader;
import home.connected.testing.Unchanged;
import java.time.Duration;
import java.util.List;

/** Reads back what ingest stored in the dev InfluxDB, with InfluxQL. */
final class StoredReadings implements AutoCloseable {

    private final InfluxQlReader influx = InfluxQlReader.ofDevServices();

    /** Writes line protocol straight to InfluxDB, past ingest. */
    void writeDirectly(String lineProtocol) {
        influx.client().getWriteApiBlocking().writeRecord(WritePrecision.NS, lineProtocol);
    }

    long count(String device) {
        return influx.countReadings("device = '" + device + "'");
    }

    /** Rows with time in epoch nanoseconds and every tag, ordered by time. */
    List<InfluxQLQueryResult.Series.Record> rows(String influxQl) {
        return influx.rows(influxQl);
    }

    /** Polls until the device has {@code expected} readings or the count stops growing for {@code quiet}. */
    long awaitCount(String device, long expected, Duration quiet) {
        Unchanged<Long> stalled = Unchanged.forLongerThan(quiet);
        return await().forever()
                .pollInterval(Duration.ofMillis(100))
                .until(() -> count(device), now -> now >= expected || stalled.test(now));
    }

    @Override
    public void close() {
        influx.close();
    }
}
