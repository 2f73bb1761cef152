package home.connected.gateway.access;

import home.connected.contracts.auth.v1.AuthServiceGrpc;
import home.connected.gateway.GatewayProperties;
import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * In-memory token buckets per client address for the public calls, on REST and native gRPC
 * alike: one for sign-in, registration and sign-out, a looser one for refresh. Every page load of
 * the web app refreshes once, and a refresh needs a valid refresh token, which cannot be guessed,
 * so it does not share the sign-in attempts' bucket.
 */
@Component
public class LoginRateLimiter {

    /** Above this many tracked addresses, the buckets that have filled up again are forgotten. */
    private static final int MAX_TRACKED = 10_000;

    private static final String REFRESH = AuthServiceGrpc.getRefreshMethod().getFullMethodName();

    private final Buckets signIn;
    private final Buckets refresh;
    private final Clock clock;

    @Autowired
    LoginRateLimiter(GatewayProperties properties) {
        this(properties.loginRateLimit(), properties.refreshRateLimit(), Clock.systemUTC());
    }

    LoginRateLimiter(GatewayProperties.RateLimit signIn, GatewayProperties.RateLimit refresh, Clock clock) {
        this.signIn = new Buckets("login", signIn);
        this.refresh = new Buckets("refresh", refresh);
        this.clock = clock;
    }

    /** Whole seconds to wait, rounded up, at least 1: what the caller is told. */
    public static long secondsToWait(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    /** The refusal of a call over the limit. */
    public static Status tooManyAttempts(long seconds) {
        return Status.RESOURCE_EXHAUSTED.withDescription("too many sign-in attempts; try again in " + seconds + " s");
    }

    /**
     * @param grpcMethod the public call's full gRPC method name
     * @return empty when the call may go ahead, else how long the address has to wait
     */
    public Optional<Duration> acquire(String clientAddress, String grpcMethod) {
        Instant instant = clock.instant();
        long now = instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
        return (REFRESH.equals(grpcMethod) ? refresh : signIn).take(clientAddress, now);
    }

    private static final class Buckets {

        private final double burst;
        private final double tokensPerNano;
        private final Map<String, Bucket> byAddress = new ConcurrentHashMap<>();

        Buckets(String name, GatewayProperties.RateLimit limit) {
            if (limit.burst() < 1 || limit.perMinute() < 1) {
                throw new IllegalArgumentException(
                        "the " + name + " rate limit needs a burst and a rate of at least 1");
            }
            this.burst = limit.burst();
            this.tokensPerNano =
                    limit.perMinute() / (double) Duration.ofMinutes(1).toNanos();
        }

        Optional<Duration> take(String clientAddress, long now) {
            if (byAddress.size() > MAX_TRACKED) {
                byAddress.values().removeIf(bucket -> bucket.isFull(now));
            }
            return byAddress
                    .computeIfAbsent(clientAddress, address -> new Bucket(now))
                    .take(now);
        }

        /** One address's tokens, refilled at its limit's rate up to its burst. */
        private final class Bucket {

            private double tokens = burst;
            private long updatedAt;

            Bucket(long now) {
                updatedAt = now;
            }

            synchronized Optional<Duration> take(long now) {
                refill(now);
                if (tokens >= 1) {
                    tokens -= 1;
                    return Optional.empty();
                }
                long waitNanos = (long) Math.ceil((1 - tokens) / tokensPerNano);
                return Optional.of(Duration.ofNanos(waitNanos));
            }

            synchronized boolean isFull(long now) {
                refill(now);
                return tokens >= burst;
            }

            private void refill(long now) {
                tokens = Math.min(burst, tokens + Math.max(0, now - updatedAt) * tokensPerNano);
                updatedAt = now;
            }
        }
    }
}
