package home.connected.alert;

import home.connected.tokens.TokenVerificationSettings;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Everything alert-service reads from {@code ch.alert.*}. */
@ConfigurationProperties("ch.alert")
public record AlertProperties(
        Mqtt mqtt,
        Actions actions,
        Influx influx,
        Evaluation evaluation,
        Backtest backtest,
        Leader leader,
        Delivery delivery,
        Channels channels,
        String dashboardUrl,
        Secrets secrets,
        TokenVerificationSettings tokens) {

    public record Mqtt(
            String url,
            String username,
            String password,
            boolean provisionWithAdmin,
            String adminUsername,
            String adminPassword,
            String clientId) {}

    /**
     * @param allowedTopics MQTT topic filters a rule's action may publish to
     * @param readingsTopics third-party topic filters ingest reads readings from: never an action's
     */
    public record Actions(List<String> allowedTopics, List<String> readingsTopics) {}

    /** InfluxDB, read with InfluxQL for the catch-up after a gap. */
    public record Influx(String url, String token, String org, String database, String measurement, Duration timeout) {}

    public record Evaluation(
            Duration tick, Duration checkpointInterval, Duration catchUpMargin, Duration maxCatchUp, int maxRules) {}

    /**
     * @param maxReadings the most stored readings one backtest replays; a selector and span matching
     *     more are refused
     * @param maxConcurrent backtests running at once on this replica; more wait for one to finish
     */
    public record Backtest(int maxReadings, int maxConcurrent) {}

    public record Leader(Duration timeToLive, Duration heartbeat) {}

    public record Delivery(
            Duration firstRetry,
            Duration maxRetry,
            Duration giveUpAfter,
            Duration timeout,
            int maxPerMinute,
            boolean allowLinkLocal,
            Duration pollInterval,
            int concurrentSends) {}

    public record Channels(String emailFrom, String telegramApiUrl, String pushoverApiUrl) {}

    public record Secrets(String encryptionKey) {}
}
