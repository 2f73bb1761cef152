package home.connected.alert.evaluation;

import java.time.Instant;

/** One reading ingest-service has stored, as its announcement (or InfluxDB on catch-up) gives it. */
public record StoredReading(
        String device, String sensor, String quantity, String location, String unit, double value, Instant ts) {}
