package home.connected.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import home.connected.contracts.auth.v1.AuthServiceGrpc;
import home.connected.gateway.GatewayProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginRateLimiterTest {

    private Instant now = Instant.parse("2026-11-26T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private static final String LOGIN = AuthServiceGrpc.getLoginMethod().getFullMethodName();
    private static final String REGISTER = AuthServiceGrpc.getRegisterMethod().getFullMethodName();
    private static final String REFRESH = AuthServiceGrpc.getRefreshMethod().getFullMethodName();

    private final LoginRateLimiter limiter =
            new LoginRateLimiter(new GatewayProperties.RateLimit(3, 6), new GatewayProperties.RateLimit(2, 60), clock);

    @Test
    void burstThenSteadyRatePerAddress() {

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("10.0.0.1", LOGIN)).as("call " + i).isEmpty();
        }
        assertThat(limiter.acquire("10.0.0.1", LOGIN))
                .hasValueSatisfying(wait -> assertThat(wait.toSeconds()).isEqualTo(10));
        assertThat(limiter.acquire("10.0.0.2", LOGIN))
                .as("another address has its own bucket")
                .isEmpty();

        now = now.plusSeconds(9);
        assertThat(limiter.acquire("10.0.0.1", LOGIN)).isPresent();
        now = now.plusSeconds(2);
        assertThat(limiter.acquire("10.0.0.1", LOGIN)).isEmpty();
        assertThat(limiter.acquire("10.0.0.1", LOGIN)).isPresent();

        now = now.plus(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("10.0.0.1", LOGIN))
                    .as("refilled to the burst, not beyond")
                    .isEmpty();
        }
        assertThat(limiter.acquire("10.0.0.1", LOGIN)).isPresent();
    }

    @Test
    void refreshHasItsOwnBucketAndTheOtherPublicCallsShareOne() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("10.0.0.1", i == 0 ? REGISTER : LOGIN)).isEmpty();
        }
        assertThat(limiter.acquire("10.0.0.1", REGISTER))
                .as("sign-in and registration share")
                .isPresent();

        assertThat(limiter.acquire("10.0.0.1", REFRESH))
                .as("refresh is not held up")
                .isEmpty();
        assertThat(limiter.acquire("10.0.0.1", REFRESH)).isEmpty();
        assertThat(limiter.acquire("10.0.0.1", REFRESH))
                .hasValueSatisfying(wait -> assertThat(wait.toSeconds()).isEqualTo(1));
        now = now.plusSeconds(1);
        assertThat(limiter.acquire("10.0.0.1", REFRESH)).isEmpty();
        assertThat(limiter.acquire("10.0.0.1", LOGIN))
                .as("still waiting for sign-in")
                .isPresent();
    }
}
