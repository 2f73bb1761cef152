package home.connected.ingest.decode;

/**
 * Thrown inside a format decoder to refuse the part being decoded (one reading, one line, one
 * SenML record); the surrounding {@link ReadingCollector#attempt} turns it into a {@link Rejection}.
 * No stack trace: it is an expected outcome, not a bug.
 */
final class Refusal extends RuntimeException {

    private final RejectReason reason;

    Refusal(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    RejectReason reason() {
        return reason;
    }
}
