package home.connected.query.influx;

/** InfluxDB did not answer a query; answered with UNAVAILABLE and nothing of InfluxDB's own text. */
public final class InfluxUnavailableException extends RuntimeException {

    InfluxUnavailableException(Throwable cause) {
        super("InfluxDB query failed", cause);
    }
}
