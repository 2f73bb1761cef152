package home.connected.gateway.access;

import home.connected.gateway.GatewayProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * An in-memory token bucket per client address for the public calls (sign-in, refresh,
 * registration, sign-out), on REST and native gRPC alike.
 */
@Component
public class LoginRateLimiter {

    /** Above this many tracked addresses, the buckets that have filled up again are forgotten. */
    private static final int MAX_TRACKED = 10_000;

    private final double burst;
    private final double tokensPerNano;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Autowired
    LoginRateLimiter(GatewayProperties properties) {
        this(properties.loginRateLimit(), Clock.systemUTC());
    }

    LoginRateLimiter(GatewayProperties.RateLimit limit, Clock clock) {
        if (limit.burst() < 1 || limit.perMinute() < 1) {
            throw new IllegalArgumentException("the login rate limit needs a burst and a rate of at least 1");
        }
        this.burst = limit.burst();
        this.tokensPerNano = limit.perMinute() / (double) Duration.ofMinutes(1).toNanos();
        this.clock = clock;
    }

    /** @return empty when the call may go ahead, else how long the address has to wait */
    public Optional<Duration> acquire(String clientAddress) {
        long now = nanos();
        if (buckets.size() > MAX_TRACKED) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        Bucket bucket = buckets.computeIfAbsent(clientAddress, address -> new Bucket(now));
        return bucket.take(now);
    }

    private long nanos() {
        Instant instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

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
