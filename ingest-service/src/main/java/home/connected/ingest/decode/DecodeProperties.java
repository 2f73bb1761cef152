package home.connected.ingest.decode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits applied to every message and reading.
 *
 * @param maxPayloadSize larger payloads are refused unread (OVERSIZED)
 * @param maxFuture how far ahead of the receive time a reading's timestamp may be (clock skew)
 * @param earliest readings stamped before this are refused (devices without a clock send 1970)
 * @param localZone the zone of timestamps sent without one (Tasmota's {@code Time})
 * @param unitCacheSize how many retained Homie {@code $unit} values are remembered
 */
@ConfigurationProperties("ch.ingest.decode")
record DecodeProperties(
        DataSize maxPayloadSize, Duration maxFuture, Instant earliest, ZoneId localZone, Integer unitCacheSize) {

    DecodeProperties {
        maxPayloadSize = maxPayloadSize != null ? maxPayloadSize : DataSize.ofKilobytes(64);
        maxFuture = maxFuture != null ? maxFuture : Duration.ofDays(1);
        earliest = earliest != null ? earliest : Instant.parse("2000-01-01T00:00:00Z");
        localZone = localZone != null ? localZone : ZoneId.systemDefault();
        unitCacheSize = unitCacheSize != null ? unitCacheSize : 10_000;
    }

    static DecodeProperties defaults() {
        return new DecodeProperties(null, null, null, null, null);
    }
}
