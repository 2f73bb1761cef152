package home.connected.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void burstThenSteadyRatePerAddress() {
        LoginRateLimiter limiter = new LoginRateLimiter(new GatewayProperties.RateLimit(3, 6), clock);

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("10.0.0.1")).as("call " + i).isEmpty();
        }
        assertThat(limiter.acquire("10.0.0.1"))
                .hasValueSatisfying(wait -> assertThat(wait.toSeconds()).isEqualTo(10));
        assertThat(limiter.acquire("10.0.0.2"))
                .as("another address has its own bucket")
                .isEmpty();

        now = now.plusSeconds(9);
        assertThat(limiter.acquire("10.0.0.1")).isPresent();
        now = now.plusSeconds(2);
        assertThat(limiter.acquire("10.0.0.1")).isEmpty();
        assertThat(limiter.acquire("10.0.0.1")).isPresent();

        now = now.plus(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("10.0.0.1"))
                    .as("refilled to the burst, not beyond")
                    .isEmpty();
        }
        assertThat(limiter.acquire("10.0.0.1")).isPresent();
    }
}
