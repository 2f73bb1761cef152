package home.connected.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import home.connected.contracts.auth.v1.AuthServiceGrpc;
import home.connected.contracts.auth.v1.LoginRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ch.gateway.login-rate-limit.burst=3",
            "ch.gateway.login-rate-limit.per-minute=1",
            "ch.gateway.refresh-rate-limit.burst=3",
            "ch.gateway.refresh-rate-limit.per-minute=1"
        })
class LoginRateLimitTest extends GatewayTestSupport {

    private static final String LOGIN = "{\"username\":\"alice\",\"password\":\"wrong\"}";

    @Test
    void signInAttemptsBeyondTheBurstGet429WithRetryAfter() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send("POST", "/api/v1/auth/login", null, LOGIN).statusCode())
                    .as("attempt " + i)
                    .isEqualTo(200);
        }
        HttpResponse<String> limited = send("POST", "/api/v1/auth/login", null, LOGIN);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(error(limited).get("status").getAsString()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(limited.headers().firstValue("Retry-After").map(Long::parseLong))
                .hasValueSatisfying(seconds -> assertThat(seconds).isBetween(1L, 60L));
        assertThat(send("POST", "/api/v1/auth/register", null, "{}").statusCode())
                .as("registration shares the sign-in bucket")
                .isEqualTo(429);
        assertThat(send("POST", "/api/v1/auth/refresh", null, "{}").statusCode())
                .as("refresh has its own bucket: answered, not limited")
                .isNotEqualTo(429);
        for (int i = 0; i < 2; i++) {
            send("POST", "/api/v1/auth/refresh", null, "{}");
        }
        assertThat(send("POST", "/api/v1/auth/refresh", null, "{}").statusCode())
                .as("beyond its own burst")
                .isEqualTo(429);

        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcServer.port())
                .usePlaintext()
                .build();
        try {
            assertThatThrownBy(() -> AuthServiceGrpc.newBlockingStub(channel)
                            .withDeadlineAfter(10, TimeUnit.SECONDS)
                            .login(LoginRequest.getDefaultInstance()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }

        assertThat(send("GET", "/api/v1/sensors", TOKENS.token("readings:read"), null)
                        .statusCode())
                .as("calls with a token are not limited")
                .isEqualTo(200);
    }
}
