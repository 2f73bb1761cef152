package home.connected.ingest.decode;

import java.time.Instant;

/**
 * Decodes one payload format. Implementations add candidate readings to {@code out} (validated
 * afterwards by {@link ReadingValidator}) and may throw {@link Refusal} to refuse the whole message.
 */
interface FormatDecoder {

    void decode(String topic, String payload, Instant receivedAt, ReadingCollector out);
}
