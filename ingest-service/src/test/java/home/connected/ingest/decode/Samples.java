package home.connected.ingest.decode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;

/** The shared sample payloads (src/test/resources/decode/samples, copied from the project's payload set). */
record Samples(String topic, byte[] payload) {

    /** Every test decodes "now" at this instant, so the samples' November 2026 timestamps are recent. */
    static final Instant RECEIVED_AT = Instant.parse("2026-11-26T09:10:00Z");

    static final ZoneId TASMOTA_ZONE = ZoneId.of("Europe/Berlin");

    static Samples load(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/decode/samples/" + name + ".txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String topic = text.substring(text.indexOf("topic: ") + 7, text.indexOf('\n'))
                    .strip();
            String payload = text.substring(text.indexOf("payload: ") + 9).strip();
            return new Samples(topic, payload.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TopicRoutingDecoder decoder() {
        return new TopicRoutingDecoder(
                IngestTopics.defaults(), new DecodeProperties(null, null, null, TASMOTA_ZONE, null));
    }

    static Decoded decode(TopicRoutingDecoder decoder, String topic, String payload) {
        return decoder.decode(topic, payload.getBytes(StandardCharsets.UTF_8), RECEIVED_AT);
    }
}
