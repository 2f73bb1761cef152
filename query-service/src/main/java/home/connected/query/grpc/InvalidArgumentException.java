package home.connected.query.grpc;

/** A request the caller has to change; the message says how. Answered with INVALID_ARGUMENT. */
public final class InvalidArgumentException extends RuntimeException {

    public InvalidArgumentException(String message) {
        super(message, null, false, false);
    }
}
