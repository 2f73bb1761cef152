package home.connected.gateway.backend;

import io.grpc.Status;

/** What a caller of the gateway is told of a failed call, on every API. */
public final class StatusMessages {

    private StatusMessages() {}

    /**
     * The backends' descriptions are written for users; for failures inside a service (which may
     * carry an exception's text) and for transport failures, a plain message is given instead.
     */
    public static String of(Status status) {
        return switch (status.getCode()) {
            case UNKNOWN, INTERNAL, DATA_LOSS -> "the service failed to answer; try again later";
            case UNAVAILABLE -> "the service is not reachable right now; try again later";
            case DEADLINE_EXCEEDED -> "the service did not answer in time; try again later";
            case CANCELLED -> "the call was cancelled";
            default ->
                status.getDescription() == null
                        ? status.getCode().name().toLowerCase().replace('_', ' ')
                        : status.getDescription();
        };
    }
}
