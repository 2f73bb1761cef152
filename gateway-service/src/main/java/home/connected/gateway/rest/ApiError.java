package home.connected.gateway.rest;

import com.google.gson.JsonObject;
import home.connected.gateway.backend.StatusMessages;
import io.grpc.Status;

/**
 * An error as the REST API answers it, in the google.rpc style:
 * {@code {"error":{"code":404,"status":"NOT_FOUND","message":"..."}}}.
 */
record ApiError(int httpStatus, String status, String message) {

    /** The HTTP status for a gRPC status, as Google's HTTP/gRPC mapping has it. */
    static int httpStatusOf(Status.Code code) {
        return switch (code) {
            case OK -> 200;
            case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
            case UNAUTHENTICATED -> 401;
            case PERMISSION_DENIED -> 403;
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, ABORTED -> 409;
            case RESOURCE_EXHAUSTED -> 429;
            case CANCELLED -> 499;
            case UNIMPLEMENTED -> 501;
            case UNAVAILABLE -> 503;
            case DEADLINE_EXCEEDED -> 504;
            default -> 500;
        };
    }

    static ApiError of(Status status) {
        String message = StatusMessages.of(status);
        return new ApiError(httpStatusOf(status.getCode()), status.getCode().name(), message);
    }

    static ApiError of(Status.Code code, String message) {
        return new ApiError(httpStatusOf(code), code.name(), message);
    }

    String json() {
        JsonObject error = new JsonObject();
        error.addProperty("code", httpStatus);
        error.addProperty("status", status);
        error.addProperty("message", message);
        JsonObject body = new JsonObject();
        body.add("error", error);
        return body.toString();
    }
}
