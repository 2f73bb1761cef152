package home.connected.ingest.decode;

import java.util.ArrayList;
import java.util.List;

/** Gathers what one message yields while a format decoder walks it. */
final class ReadingCollector {

    private final List<Reading> readings = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();

    void add(Reading reading) {
        readings.add(reading);
    }

    void reject(RejectReason reason, String detail) {
        rejections.add(new Rejection(reason, detail));
    }

    /**
     * Decodes one part of a message; whatever goes wrong refuses that part only, so the readings
     * of the other parts survive.
     */
    void attempt(String part, Runnable decodePart) {
        attempt(part, null, decodePart);
    }

    /** As {@link #attempt(String, Runnable)}; the part is named "{part} {which}" (built only when refused). */
    void attempt(String part, Object which, Runnable decodePart) {
        try {
            decodePart.run();
        } catch (Refusal refusal) {
            reject(refusal.reason(), name(part, which) + ": " + refusal.getMessage());
        } catch (RuntimeException | StackOverflowError unexpected) {
            reject(
                    RejectReason.MALFORMED,
                    name(part, which) + ": " + unexpected.getClass().getSimpleName());
        }
    }

    private static String name(String part, Object which) {
        return which == null ? part : part + " " + which;
    }

    List<Reading> readings() {
        return readings;
    }

    List<Rejection> rejections() {
        return rejections;
    }
}
