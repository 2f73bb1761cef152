package home.connected.ingest.decode;

import java.time.Instant;

/**
 * One sensor value, whatever format it arrived in. Stored as one InfluxDB point: tags device,
 * sensor, quantity, location, source; field value; timestamp {@code time}.
 *
 * @param location may be empty when the device did not say
 * @param unit may be empty when the format carries none
 */
public record Reading(
        String deviceId,
        String sensor,
        String quantity,
        double value,
        String unit,
        Instant time,
        String location,
        String sourceFormat) {}
