package home.connected.ingest.pipeline;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One received MQTT message on its way to InfluxDB. It is acknowledged to the broker once every
 * part of it is done: the batch holding its readings written, each dead letter it caused
 * published. Until then the broker keeps it and counts it against the connection's receive
 * maximum, which is what bounds the work in flight.
 */
final class PendingMessage {

    /** Sends the MQTT acknowledgement; implemented by the connection the message came on. */
    interface Acknowledgement {
        void acknowledge();
    }

    private final String lines;
    private final int readings;
    private final Runnable onStored;
    private final Acknowledgement acknowledgement;
    private final AtomicInteger openParts;
    private final AtomicInteger inFlight;

    /**
     * @param lines the readings as line protocol, empty when none was valid
     * @param deadLetters how many dead-letter publishes the acknowledgement waits for
     * @param onStored runs once the readings are durably written
     */
    PendingMessage(
            String lines,
            int readings,
            int deadLetters,
            Runnable onStored,
            Acknowledgement acknowledgement,
            AtomicInteger inFlight) {
        this.lines = lines;
        this.readings = readings;
        this.onStored = onStored;
        this.acknowledgement = acknowledgement;
        this.inFlight = inFlight;
        this.openParts = new AtomicInteger((readings > 0 ? 1 : 0) + deadLetters + 1);
        inFlight.incrementAndGet();
    }

    String lines() {
        return lines;
    }

    int readings() {
        return readings;
    }

    /** Called by the writer once InfluxDB has taken the readings. */
    void stored() {
        onStored.run();
    }

    boolean hasReadings() {
        return readings > 0;
    }

    /** Called once by whoever created the message after handing out all parts; guards against acking too early. */
    void handedOut() {
        partDone();
    }

    void partDone() {
        if (openParts.decrementAndGet() == 0) {
            inFlight.decrementAndGet();
            acknowledgement.acknowledge();
        }
    }
}
