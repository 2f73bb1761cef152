package home.connected.ingest.pipeline;

import java.util.function.Consumer;

/** What the pipeline publishes back to the broker, on the connection a message came on. */
interface Outbox {

    /** Publishes at QoS 1 and tells {@code whenDone} whether the broker accepted it. */
    void publish(String topic, byte[] payload, Consumer<Boolean> whenDone);

    /** Publishes at QoS 0 and forgets it. */
    void publishQuietly(String topic, byte[] payload);

    /** Publishes at QoS 1 and tells {@code listening} whether the broker had a subscriber for it. */
    void publishProbe(String topic, byte[] payload, Consumer<Boolean> listening);
}
