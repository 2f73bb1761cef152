package home.connected.gateway;

import home.connected.tokens.TokenVerificationSettings;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param backends gRPC target ({@code host:port}) per contract package, keyed by the package's
 *     feature name: {@code home.connected.query.v1} is served by {@code backends.query}
 * @param authHttpUrl auth-service's HTTP base URL (its JWKS is proxied from there)
 * @param callTimeout deadline of a unary call the gateway makes for a REST request
 * @param grpc the gateway's own native gRPC port
 * @param tokens how access tokens are verified
 * @param loginRateLimit token bucket per client address for the public calls but refresh: sign-in,
 *     registration, sign-out
 * @param refreshRateLimit token bucket per client address for refresh
 * @param graphql the limits of {@code /graphql}
 */
@ConfigurationProperties("ch.gateway")
public record GatewayProperties(
        Map<String, String> backends,
        String authHttpUrl,
        Duration callTimeout,
        Grpc grpc,
        TokenVerificationSettings tokens,
        RateLimit loginRateLimit,
        RateLimit refreshRateLimit,
        GraphQl graphql) {

    public GatewayProperties {
        backends = Map.copyOf(backends);
    }

    public record Grpc(String address, int port) {}

    /**
     * @param maxDepth the deepest a query may nest its fields
     * @param maxComplexity the most a query may cost: 1 a field, and 1 more each element of a list argument
     * @param timeout the longest a query or mutation may take, all its calls together
     */
    public record GraphQl(int maxDepth, int maxComplexity, Duration timeout) {}

    /** {@code burst} calls at once, then {@code perMinute} calls a minute. */
    public record RateLimit(int burst, int perMinute) {}
}
