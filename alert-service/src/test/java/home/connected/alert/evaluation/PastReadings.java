package home.connected.alert.evaluation;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import home.connected.testing.DevServices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/** Readings stored straight into an InfluxDB database, as ingest stores them, at the times a test says. */
final class PastReadings implements AutoCloseable {

    private final InfluxDBClient influx;
    private final List<Point> points = new ArrayList<>();

    PastReadings(String bucket) {
        DevServices services = DevServices.get();
        influx = InfluxDBClientFactory.create(
                services.influxUrl(), services.influxToken().toCharArray(), services.influxOrg(), bucket);
    }

    PastReadings add(String device, String sensor, double value, Instant ts) {
        points.add(Point.measurement("reading")
                .addTag("device", device)
                .addTag("sensor", sensor)
                .addTag("quantity", "temperature")
                .addTag("location", "kitchen")
                .addTag("unit", "°C")
                .addField("value", value)
                .time(ts, WritePrecision.NS));
        return this;
    }

    /** One reading every {@code step} in [from, to), the value a function of the time since {@code from}. */
    PastReadings every(
            Duration step, String device, String sensor, Instant from, Instant to, DoubleUnaryOperator valueAtSeconds) {
        for (Instant ts = from; ts.isBefore(to); ts = ts.plus(step)) {
            add(
                    device,
                    sensor,
                    valueAtSeconds.applyAsDouble(Duration.between(from, ts).toSeconds()),
                    ts);
        }
        return this;
    }

    /** Writes what was added. */
    void store() {
        influx.getWriteApiBlocking().writePoints(points);
        points.clear();
    }

    @Override
    public void close() {
        influx.close();
    }
}
