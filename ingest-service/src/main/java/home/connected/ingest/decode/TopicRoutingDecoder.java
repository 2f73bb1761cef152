package home.connected.ingest.decode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Turns one MQTT message into readings; the pipeline never calls a format's decoder directly.
 * Refuses oversized and non-UTF-8 payloads unread, picks the format by topic ({@link IngestTopics}),
 * and validates every reading the format yields. It never throws: whatever goes wrong refuses the
 * reading, line or message it concerns, and the valid readings of the same message are kept.
 */
@Component
public class TopicRoutingDecoder {

    private static final Decoded NOTHING = new Decoded(List.of(), List.of());

    /** The format tag of a topic no route takes. */
    public static final String NO_FORMAT = "none";

    private record Route(TopicFilter filter, FormatDecoder decoder, String format) {}

    private final long maxPayloadBytes;
    private final List<TopicFilter> ignored;
    private final List<Route> routes;
    private final ReadingValidator validator;

    public TopicRoutingDecoder(IngestTopics topics, DecodeProperties properties) {
        this.maxPayloadBytes = properties.maxPayloadSize().toBytes();
        this.validator = new ReadingValidator(properties);
        this.ignored = topics.ignored().stream().map(TopicFilter::new).toList();
        Map<TopicFormat, FormatDecoder> decoders = new EnumMap<>(TopicFormat.class);
        decoders.put(TopicFormat.CONNECTED_HOME, new ConnectedHomeDecoder());
        decoders.put(TopicFormat.ZIGBEE2MQTT, new Zigbee2MqttDecoder());
        decoders.put(TopicFormat.TASMOTA, new TasmotaDecoder(properties.localZone()));
        decoders.put(TopicFormat.ESPHOME, new EsphomeDecoder());
        decoders.put(TopicFormat.HOMIE, new HomieDecoder(properties.unitCacheSize()));
        this.routes = topics.routes().stream()
                .map(route -> new Route(
                        new TopicFilter(route.filter()),
                        decoders.get(route.format()),
                        route.format().name().toLowerCase(Locale.ROOT)))
                .toList();
    }

    /** Never throws for bad input: everything refused is a {@link Rejection} in the result. */
    public Decoded decode(String topic, byte[] payload, Instant receivedAt) {
        try {
            return decodeUnsafe(topic, payload, receivedAt != null ? receivedAt : Instant.now());
        } catch (RuntimeException | StackOverflowError unexpected) {
            return Decoded.rejected(
                    RejectReason.MALFORMED,
                    "undecodable: " + unexpected.getClass().getSimpleName());
        }
    }

    private Decoded decodeUnsafe(String topic, byte[] payload, Instant receivedAt) {
        if (topic == null || payload == null) {
            return Decoded.rejected(RejectReason.MALFORMED, "no topic or payload");
        }
        if (payload.length > maxPayloadBytes) {
            return Decoded.rejected(RejectReason.OVERSIZED, payload.length + " bytes, limit " + maxPayloadBytes);
        }
        for (TopicFilter filter : ignored) {
            if (filter.matches(topic)) {
                return NOTHING;
            }
        }
        FormatDecoder decoder = decoderFor(topic);
        if (decoder == null) {
            return Decoded.rejected(RejectReason.UNKNOWN_TOPIC, "no decoder for topic " + Details.quote(topic));
        }
        String text = StrictUtf8.decode(payload);
        if (text == null) {
            return Decoded.rejected(RejectReason.INVALID_UTF8, "payload is not valid UTF-8");
        }
        ReadingCollector out = new ReadingCollector();
        out.attempt("message", () -> decoder.decode(topic, text, receivedAt, out));
        return validated(out, receivedAt);
    }

    private FormatDecoder decoderFor(String topic) {
        Route route = routeFor(topic);
        return route == null ? null : route.decoder();
    }

    /** The payload format of the route that takes {@code topic} (e.g. {@code zigbee2mqtt}), or {@link #NO_FORMAT}. */
    public String formatOf(String topic) {
        Route route = topic == null ? null : routeFor(topic);
        return route == null ? NO_FORMAT : route.format();
    }

    private Route routeFor(String topic) {
        for (Route route : routes) {
            if (route.filter().matches(topic)) {
                return route;
            }
        }
        return null;
    }

    private Decoded validated(ReadingCollector out, Instant receivedAt) {
        List<Reading> valid = new ArrayList<>(out.readings().size());
        List<Rejection> rejections = out.rejections();
        for (Reading reading : out.readings()) {
            Rejection rejection = validator.check(reading, receivedAt);
            if (rejection == null) {
                valid.add(reading);
            } else {
                rejections.add(rejection);
            }
        }
        return new Decoded(valid, rejections);
    }
}
