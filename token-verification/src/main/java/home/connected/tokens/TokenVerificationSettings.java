package home.connected.tokens;

import java.net.URI;
import java.time.Duration;

/**
 * How a service verifies access tokens against auth-service's published keys; each service binds
 * it from its {@code ch.<service>.tokens} configuration.
 *
 * @param jwksUrl where the public keys are, e.g. auth-service's {@code /.well-known/jwks.json}
 * @param issuer the {@code iss} tokens must carry
 * @param audience the {@code aud} tokens must carry
 * @param clockSkew how far {@code exp} and {@code nbf} may be off
 * @param jwksMaxAge how long a fetched key set is used before it is fetched again
 * @param jwksMinRefetchInterval the shortest time between two fetches, whatever tokens arrive
 */
public record TokenVerificationSettings(
        URI jwksUrl,
        String issuer,
        String audience,
        Duration clockSkew,
        Duration jwksMaxAge,
        Duration jwksMinRefetchInterval) {}
