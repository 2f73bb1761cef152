package home.connected.ingest.pipeline;

import home.connected.ingest.decode.Reading;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One received MQTT message on its way to InfluxDB. It is acknowledged to the broker once every
 * part of it is done: the batch holding its readings written (or, when InfluxDB refuses them, the
 * dead letter saying so published), each dead letter it caused published. Until then the broker
 * keeps it and counts it against the connection's receive maximum, which is what bounds the work
 * in flight.
 */
final class PendingMessage {

    /** Sends the MQTT acknowledgement; implemented by the connection the message came on. */
    interface Acknowledgement {
        void acknowledge();
    }

    /**
     * The message as it arrived: what a dead letter quotes, and the connection to answer on.
     *
     * @param format the payload format of the topic's route, the format tag of ingest_rejected_total
     */
    record Received(Outbox outbox, String topic, byte[] payload, Instant at, String format) {}

    private final Received received;
    private final String lines;
    private final List<Reading> readings;
    private final Acknowledgement acknowledgement;
    private final AtomicInteger openParts;
    private final AtomicInteger inFlight;

    /**
     * @param lines the readings as line protocol, empty when none was valid
     * @param readings the valid readings, in {@code lines}' order
     * @param deadLetters how many dead-letter publishes the acknowledgement waits for
     */
    PendingMessage(
            Received received,
            String lines,
            List<Reading> readings,
            int deadLetters,
            Acknowledgement acknowledgement,
            AtomicInteger inFlight) {
        this.received = received;
        this.lines = lines;
        this.readings = readings;
        this.acknowledgement = acknowledgement;
        this.inFlight = inFlight;
        this.openParts = new AtomicInteger((readings.isEmpty() ? 0 : 1) + deadLetters + 1);
        inFlight.incrementAndGet();
    }

    Received received() {
        return received;
    }

    String lines() {
        return lines;
    }

    List<Reading> readings() {
        return readings;
    }

    boolean hasReadings() {
        return !readings.isEmpty();
    }

    /** Called once by whoever created the message after handing out all parts; guards against acking too early. */
    void handedOut() {
        partDone();
    }

    /** One more part to wait for, added by a part that is itself still open. */
    void addPart() {
        openParts.incrementAndGet();
    }

    void partDone() {
        if (openParts.decrementAndGet() == 0) {
            inFlight.decrementAndGet();
            acknowledgement.acknowledge();
        }
    }
}
