package home.connected.ingest.decode;

import home.connected.contracts.Topics;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which topics are decoded with which format. The first matching route wins; topics matching an
 * {@code ignored} filter yield nothing and count as nothing (bridge state, command echoes).
 * Filters use MQTT wildcards ({@code +} one level, {@code #} the rest).
 *
 * <p>Homie is routed with {@code homie/#} rather than {@code homie/+/+/+} so that the retained
 * {@code $unit} attributes one level deeper arrive too.
 *
 * <p>{@code perReplica} filters are metadata every replica needs: with a share group they are
 * subscribed once more without it, because only one replica of the group gets each message, and
 * MQTT 5 lets a broker withhold retained messages from shared subscriptions.
 */
@ConfigurationProperties("ch.ingest.topics")
public record IngestTopics(List<Route> routes, List<String> ignored, List<String> perReplica) {

    public record Route(String filter, TopicFormat format) {}

    public IngestTopics {
        routes = routes != null && !routes.isEmpty() ? List.copyOf(routes) : DEFAULT_ROUTES;
        ignored = ignored != null ? List.copyOf(ignored) : List.of("zigbee2mqtt/bridge/#");
        perReplica = perReplica != null ? List.copyOf(perReplica) : List.of("homie/+/+/+/$unit");
    }

    static final List<Route> DEFAULT_ROUTES = List.of(
            new Route(Topics.ALL_READINGS, TopicFormat.CONNECTED_HOME),
            new Route("zigbee2mqtt/#", TopicFormat.ZIGBEE2MQTT),
            new Route("tele/+/SENSOR", TopicFormat.TASMOTA),
            new Route("+/sensor/+/state", TopicFormat.ESPHOME),
            new Route("homie/#", TopicFormat.HOMIE));

    static IngestTopics defaults() {
        return new IngestTopics(null, null, null);
    }

    /** The filters to subscribe to: one per route. */
    public List<String> subscriptionFilters() {
        return routes.stream().map(Route::filter).distinct().toList();
    }
}
