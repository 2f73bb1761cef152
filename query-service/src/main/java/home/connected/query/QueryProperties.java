package home.connected.query;

import home.connected.tokens.TokenVerificationSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Everything query-service reads from {@code ch.query.*}. */
@ConfigurationProperties("ch.query")
public record QueryProperties(Influx influx, Mqtt mqtt, Live live, TokenVerificationSettings tokens, Limits limits) {

    /** InfluxDB, queried with InfluxQL over its {@code /query} endpoint. */
    /**
     * @param parallelRequests how many requests one chart may have InfluxDB answer at once: InfluxDB
     *     works through one request's statements one after another, so a chart of many sensors comes
     *     back sooner in parts on a machine with cores to spare
     */
    public record Influx(
            String url, String token, String database, String measurement, Duration timeout, int parallelRequests) {}

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
}
