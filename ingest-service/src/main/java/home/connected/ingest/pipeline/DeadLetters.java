package home.connected.ingest.pipeline;

import home.connected.contracts.Topics;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parks what was refused on {@link Topics#deadLetter}: one JSON message per refused message and
 * reason, with the original topic, the details and the payload (base64, cut to a maximum size).
 */
final class DeadLetters {

    private static final int MAX_DETAILS = 20;

    private final IngestProperties.DeadLetter settings;
    private final JsonMapper json;
    private final IngestMetrics metrics;

    DeadLetters(IngestProperties.DeadLetter settings, JsonMapper json, IngestMetrics metrics) {
        this.settings = settings;
        this.json = json;
        this.metrics = metrics;
    }

    /** Publishes the dead letter on the connection the message came on; {@code whenDone} runs either way. */
    void park(PendingMessage.Received message, String reason, List<String> details, Runnable whenDone) {
        byte[] letter = body(message.topic(), reason, details, message.payload(), message.at());
        message.outbox().publish(Topics.deadLetter(reason), letter, published -> {
            metrics.deadLetter(published ? "published" : "failed");
            whenDone.run();
        });
    }

    byte[] body(String topic, String reason, List<String> details, byte[] payload, Instant receivedAt) {
        boolean truncated = payload.length > settings.maxPayloadBytes();
        byte[] kept = truncated ? Arrays.copyOf(payload, settings.maxPayloadBytes()) : payload;
        Map<String, Object> letter = new LinkedHashMap<>();
        letter.put("topic", topic);
        letter.put("reason", reason);
        letter.put("count", details.size());
        letter.put("details", details.subList(0, Math.min(details.size(), MAX_DETAILS)));
        letter.put("receivedAt", receivedAt.toString());
        letter.put("payloadBytes", payload.length);
        letter.put("payloadTruncated", truncated);
        letter.put("payloadBase64", Base64.getEncoder().encodeToString(kept));
        return json.writeValueAsBytes(letter);
    }
}
