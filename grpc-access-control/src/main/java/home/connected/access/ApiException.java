package home.connected.access;

import io.grpc.Status;

/**
 * A refusal the caller can act on: a gRPC status code and a message written for a person, thrown
 * from an RPC and turned into its status by the service's exception handler. The message never
 * carries SQL, stack traces or secrets.
 */
public class ApiException extends RuntimeException {

    private final Status.Code code;

    private ApiException(Status.Code code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public Status.Code code() {
        return code;
    }

    public static ApiException invalidArgument(String message) {
        return new ApiException(Status.Code.INVALID_ARGUMENT, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(Status.Code.NOT_FOUND, message);
    }

    public static ApiException alreadyExists(String message) {
        return new ApiException(Status.Code.ALREADY_EXISTS, message);
    }

    public static ApiException failedPrecondition(String message) {
        return new ApiException(Status.Code.FAILED_PRECONDITION, message);
    }

    public static ApiException permissionDenied(String message) {
        return new ApiException(Status.Code.PERMISSION_DENIED, message);
    }

    public static ApiException unauthenticated(String message) {
        return new ApiException(Status.Code.UNAUTHENTICATED, message);
    }

    public static ApiException resourceExhausted(String message) {
        return new ApiException(Status.Code.RESOURCE_EXHAUSTED, message);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(Status.Code.UNAVAILABLE, message);
    }
}
