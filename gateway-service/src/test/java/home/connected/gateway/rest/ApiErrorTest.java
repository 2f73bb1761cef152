package home.connected.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.grpc.Status;
import io.grpc.Status.Code;
import org.junit.jupiter.api.Test;

class ApiErrorTest {

    @Test
    void mapsGrpcStatusesToHttpStatuses() {
        assertThat(ApiError.httpStatusOf(Code.INVALID_ARGUMENT)).isEqualTo(400);
        assertThat(ApiError.httpStatusOf(Code.FAILED_PRECONDITION)).isEqualTo(400);
        assertThat(ApiError.httpStatusOf(Code.OUT_OF_RANGE)).isEqualTo(400);
        assertThat(ApiError.httpStatusOf(Code.UNAUTHENTICATED)).isEqualTo(401);
        assertThat(ApiError.httpStatusOf(Code.PERMISSION_DENIED)).isEqualTo(403);
        assertThat(ApiError.httpStatusOf(Code.NOT_FOUND)).isEqualTo(404);
        assertThat(ApiError.httpStatusOf(Code.ALREADY_EXISTS)).isEqualTo(409);
        assertThat(ApiError.httpStatusOf(Code.ABORTED)).isEqualTo(409);
        assertThat(ApiError.httpStatusOf(Code.RESOURCE_EXHAUSTED)).isEqualTo(429);
        assertThat(ApiError.httpStatusOf(Code.UNIMPLEMENTED)).isEqualTo(501);
        assertThat(ApiError.httpStatusOf(Code.UNAVAILABLE)).isEqualTo(503);
        assertThat(ApiError.httpStatusOf(Code.DEADLINE_EXCEEDED)).isEqualTo(504);
        assertThat(ApiError.httpStatusOf(Code.INTERNAL)).isEqualTo(500);
        assertThat(ApiError.httpStatusOf(Code.UNKNOWN)).isEqualTo(500);
        assertThat(ApiError.httpStatusOf(Code.DATA_LOSS)).isEqualTo(500);
    }

    @Test
    void bodyIsGoogleRpcStyleWithTheBackendsMessage() {
        JsonObject body = JsonParser.parseString(ApiError.of(Status.NOT_FOUND.withDescription("no rule r-1"))
                        .json())
                .getAsJsonObject()
                .getAsJsonObject("error");

        assertThat(body.get("code").getAsInt()).isEqualTo(404);
        assertThat(body.get("status").getAsString()).isEqualTo("NOT_FOUND");
        assertThat(body.get("message").getAsString()).isEqualTo("no rule r-1");
    }

    @Test
    void internalFailuresDoNotPassOnTheirText() {
        ApiError error = ApiError.of(Status.UNKNOWN.withDescription("java.lang.NullPointerException at Foo.java:12"));

        assertThat(error.httpStatus()).isEqualTo(500);
        assertThat(error.json()).doesNotContain("NullPointerException").contains("UNKNOWN");
    }
}
