package home.connected.query;

import home.connected.tokens.TokenVerificationSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Everything query-service reads from {@code ch.query.*}. */
@ConfigurationProperties("ch.query")
public record QueryProperties(
        Influx influx, Mqtt mqtt, Live live, TokenVerificationSettings tokens, Limits limits, RollUps rollUps) {

    /** InfluxDB, queried with InfluxQL over its {@code /query} endpoint. */
    /**
     * @param parallelRequests how many requests one chart may have InfluxDB answer at once: InfluxDB
     *     works through one request's statements one after another, so a chart of many sensors comes
     *     back sooner in parts on a machine with cores to spare
     */
    public record Influx(
            String url,
            String token,
            String org,
            String database,
            String measurement,
            Duration timeout,
            int parallelRequests) {}

    /** The broker that carries the readings ingest-service has stored. */
    public record Mqtt(String url, String username, String password, String clientIdPrefix) {}

    /**
     * @param subscriberBuffer messages queued for one stream before it counts as too slow and is dropped
     * @param maxSubscribers streams open at once, of readings and of device statuses each
     */
    public record Live(int subscriberBuffer, int maxSubscribers) {}

    /**
     * @param catalogueWindow how far back the catalogue and latest values look
     * @param maxNameLength longest device, sensor, quantity, location or text accepted
     * @param catalogueCache how long InfluxDB's last values for a set of sensors are reused, unless a reading
     *     is stored meanwhile
     */
    public record Limits(
            Duration catalogueWindow,
            int maxLatestSensors,
            int maxSeriesSensors,
            Duration maxSpan,
            int defaultMaxPoints,
            int maxPoints,
            int maxNameLength,
            Duration catalogueCache) {}

    /**
     * The readings' roll-ups: one point per sensor and window of 5 minutes and of 1 hour with the window's
     * mean, min, max, count and sum, computed by query-service from the raw readings, which charts of
     * long ranges read instead.
     *
     * @param enabled computes and reads the roll-ups; off, every chart reads the raw readings
     * @param interval how often newly ended windows are rolled up
     * @param settle how long after a window ends it is rolled up (readings still on their way to InfluxDB)
     * @param recomputeOnStart how far back the roll-ups are computed again when the service starts, for
     *     late readings (an agent's buffer) stored while it was not running to hear of them
     * @param keepRaw how long raw readings are kept; null or zero keeps them for ever
     * @param keepFiveMinutes how long the 5-minute roll-up is kept; null or zero: for ever
     * @param keepOneHour how long the 1-hour roll-up is kept; null or zero: for ever
     * @param retentionInterval how often what is older than its keep is deleted
     */
    public record RollUps(
            boolean enabled,
            Duration interval,
            Duration settle,
            Duration recomputeOnStart,
            Duration keepRaw,
            Duration keepFiveMinutes,
            Duration keepOneHour,
            Duration retentionInterval) {}
}
