package home.connected.ingest.pipeline;

import home.connected.ingest.decode.Decoded;
import home.connected.ingest.decode.Reading;
import home.connected.ingest.decode.RejectReason;
import home.connected.ingest.decode.Rejection;
import home.connected.ingest.decode.TopicRoutingDecoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to each MQTT message: decode, turn the valid readings into line protocol for the
 * writer, count and park the rejections, and acknowledge once all of that is done. Runs on the
 * connection's callback thread and never throws for bad input: an exception there would drop
 * the connection.
 */
final class MessageIntake implements IngestConnection.Intake {

    private static final Logger log = LoggerFactory.getLogger(MessageIntake.class);

    private final TopicRoutingDecoder decoder;
    private final LineProtocol lineProtocol;
    private final BatchWriter writer;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final RateLimitedLog rejectionLog;

    MessageIntake(
            TopicRoutingDecoder decoder,
            LineProtocol lineProtocol,
            BatchWriter writer,
            DeadLetters deadLetters,
            IngestMetrics metrics,
            RateLimitedLog rejectionLog) {
        this.decoder = decoder;
        this.lineProtocol = lineProtocol;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.rejectionLog = rejectionLog;
    }

    @Override
    public void accept(IngestConnection connection, String topic, MqttMessage message) throws InterruptedException {
        PendingMessage.Received received = new PendingMessage.Received(
                connection, topic, message.getPayload(), Instant.now(), decoder.formatOf(topic));
        Decoded decoded = decode(received);

        StringBuilder lines = new StringBuilder(decoded.readings().size() * 160);
        Map<RejectReason, List<String>> rejected = new EnumMap<>(RejectReason.class);
        decoded.rejections().forEach(r -> add(rejected, r));
        List<Reading> accepted = new ArrayList<>(decoded.readings().size());
        for (Reading reading : decoded.readings()) {
            try {
                lineProtocol.append(lines, reading);
                accepted.add(reading);
            } catch (LineProtocol.Unrepresentable e) {
                add(rejected, new Rejection(e.reason(), e.getMessage()));
            }
        }
        metrics.received(accepted.size(), message.isDuplicate());

        PendingMessage pending = new PendingMessage(
                received,
                lines.toString(),
                accepted,
                rejected.size(),
                connection.acknowledgementFor(message),
                metrics.inFlight());
        rejected.forEach((reason, details) -> {
            metrics.rejected(reason.label(), received.format(), details.size());
            rejectionLog.warn(
                    reason.label(),
                    "refused " + details.size() + " part(s) of a message on " + topic + ": " + reason.label() + ": "
                            + details.get(0));
            deadLetters.park(received, reason.label(), details, pending::partDone);
        });
        if (pending.hasReadings()) {
            writer.submit(pending);
        }
        pending.handedOut();
    }

    private Decoded decode(PendingMessage.Received received) {
        try {
            return decoder.decode(received.topic(), received.payload(), received.at());
        } catch (RuntimeException e) {
            log.error("decoder failed on a message on {}", received.topic(), e);
            return Decoded.rejected(
                    RejectReason.MALFORMED, "decoder failed: " + e.getClass().getSimpleName());
        }
    }

    private static void add(Map<RejectReason, List<String>> rejected, Rejection rejection) {
        rejected.computeIfAbsent(rejection.reason(), r -> new ArrayList<>()).add(rejection.detail());
    }
}
