package home.connected.query;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import home.connected.testing.DevServices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes readings straight into the dev InfluxDB, in ingest-service's schema, through the same v2
 * write front ingest uses (the client escapes line protocol).
 */
public final class TestReadings implements AutoCloseable {

    private final InfluxDBClient client;
    private final List<Point> pending = new ArrayList<>();

    public TestReadings() {
        this(DevServices.get().influxBucket());
    }

    /** Into a bucket of its own, e.g. a {@code ScratchInflux}'s. */
    public TestReadings(String bucket) {
        DevServices services = DevServices.get();
        client = InfluxDBClientFactory.create(
                services.influxUrl(), services.influxToken().toCharArray(), services.influxOrg(), bucket);
    }

    /** A device id no earlier run has used. */
    public static String uniqueDevice(String name) {
        return "qt-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Queues one reading; empty location or unit is left out, as ingest does. */
    public TestReadings add(
            String device, String sensor, String quantity, String location, String unit, double value, Instant time) {
        Point point = Point.measurement("reading")
                .addTag("device", device)
                .addTag("sensor", sensor)
                .addTag("quantity", quantity)
                .addTag("source", "native")
                .addField("value", value)
                .time(time, WritePrecision.NS);
        if (!location.isEmpty()) {
            point.addTag("location", location);
        }
        if (!unit.isEmpty()) {
            point.addTag("unit", unit);
        }
        pending.add(point);
        return this;
    }

    /** Writes what is queued, in batches, and waits for InfluxDB to accept it. */
    public void write() {
        for (int from = 0; from < pending.size(); from += 5000) {
            client.getWriteApiBlocking().writePoints(pending.subList(from, Math.min(pending.size(), from + 5000)));
        }
        pending.clear();
    }

    @Override
    public void close() {
        client.close();
    }
}
