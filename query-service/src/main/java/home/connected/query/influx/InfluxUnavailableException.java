package home.connected.query.influx;

/** InfluxDB did not answer a query; answered with UNAVAILABLE and nothing of InfluxDB's own text. */
public final class InfluxUnavailableException extends RuntimeException {

    /** @param reason what went wrong, for the log */
    InfluxUnavailableException(String reason) {
        super("InfluxDB query failed: " + reason);
    }
}
