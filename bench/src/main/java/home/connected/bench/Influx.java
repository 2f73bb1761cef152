package home.connected.bench;

import com.influxdb.client.InfluxDBClient;
import home.connected.testing.InfluxQlReader;

/** The dev InfluxDB, through the same front ingest-service writes to. */
final class Influx implements AutoCloseable {

    private final InfluxQlReader reader;

    /** The dev bucket. */
    Influx() {
        reader = InfluxQlReader.ofDevServices();
    }

    /** A running system's own bucket. */
    Influx(String bucket) {
        reader = InfluxQlReader.ofDevServices(bucket);
    }

    InfluxDBClient client() {
        return reader.client();
    }

    /** Readings stored for devices whose id starts with {@code prefix} (letters, digits and '-' only). */
    long countDevicesStartingWith(String prefix) {
        return reader.countReadings("device =~ /^" + prefix + "/");
    }

    @Override
    public void close() {
        reader.close();
    }
}
