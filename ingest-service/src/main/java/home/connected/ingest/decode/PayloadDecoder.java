package home.connected.ingest.decode;

import java.time.Instant;

/**
 * Turns one MQTT message into readings. The entry point for the pipeline is a single bean that
 * picks the decoder by topic (configured mapping) and validates every reading it returns; the
 * pipeline never calls a format's decoder directly.
 */
public interface PayloadDecoder {

    /** Never throws for bad input: everything refused is a {@link Rejection} in the result. */
    Decoded decode(String topic, byte[] payload, Instant receivedAt);
}
