package home.connected.query.influx;

import org.springframework.stereotype.Component;

/** Writes line protocol into the readings database: query-service's own roll-ups, never readings. */
@Component
public class InfluxWriter {

    private final InfluxHttp influx;

    InfluxWriter(InfluxHttp influx) {
        this.influx = influx;
    }

    /**
     * @throws InfluxUnavailableException when InfluxDB does not take the lines
     */
    public void write(String lines) {
        influx.write(lines);
    }
}
