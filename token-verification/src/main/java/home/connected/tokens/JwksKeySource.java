package home.connected.tokens;

import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Public keys from a JWKS served over HTTP (auth-service's {@code /.well-known/jwks.json}),
 * cached. The set is fetched again when it is older than {@code maxAge}, or when a token names a
 * key the cache does not know (a key rotation) — but not more often than once per
 * {@code minRefetchInterval}, so a flood of tokens with made-up {@code kid}s cannot turn into a
 * flood of requests. When a fetch fails the keys already known stay in use.
 */
public final class JwksKeySource implements KeySource {

    private static final Logger log = LoggerFactory.getLogger(JwksKeySource.class);
    private static final int MAX_BODY_BYTES = 256 * 1024;

    private final URI uri;
    private final Duration maxAge;
    private final Duration minRefetchInterval;
    private final Clock clock;
    private final HttpClient http;

    private volatile Map<String, PublicKey> keys = Map.of();
    private volatile Instant fetchedAt = Instant.EPOCH;
    private Instant attemptedAt = Instant.EPOCH;

    public JwksKeySource(URI uri, Duration maxAge, Duration minRefetchInterval) {
        this(uri, maxAge, minRefetchInterval, Clock.systemUTC());
    }

    public JwksKeySource(URI uri, Duration maxAge, Duration minRefetchInterval, Clock clock) {
        this.uri = uri;
        this.maxAge = maxAge;
        this.minRefetchInterval = minRefetchInterval;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(3))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Optional<PublicKey> find(String keyId) {
        PublicKey known = keys.get(keyId);
        if (known != null && !isStale(clock.instant())) {
            return Optional.of(known);
        }
        return findRefetching(keyId);
    }

    private synchronized Optional<PublicKey> findRefetching(String keyId) {
        Instant now = clock.instant();
        if ((isStale(now) || !keys.containsKey(keyId)) && !now.isBefore(attemptedAt.plus(minRefetchInterval))) {
            attemptedAt = now;
            fetch(now);
        }
        return Optional.ofNullable(keys.get(keyId));
    }

    private boolean isStale(Instant now) {
        return now.isAfter(fetchedAt.plus(maxAge));
    }

    private void fetch(Instant now) {
        try {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(5))
                            .header("Accept", "application/json")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                log.warn("JWKS at {} answered HTTP {}; keeping {} known keys", uri, response.statusCode(), keys.size());
                return;
            }
            if (response.body().length > MAX_BODY_BYTES) {
                log.warn("JWKS at {} is larger than {} bytes; keeping the known keys", uri, MAX_BODY_BYTES);
                return;
            }
            keys = parse(new String(response.body(), StandardCharsets.UTF_8));
            fetchedAt = now;
        } catch (IOException | RuntimeException e) {
            log.warn("could not fetch the JWKS at {} ({}); keeping {} known keys", uri, e.toString(), keys.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Map<String, PublicKey> parse(String json) {
        JwkSet set = Jwks.setParser().ignoreUnsupported(true).build().parse(json);
        Map<String, PublicKey> parsed = new HashMap<>();
        for (Jwk<?> jwk : set) {
            Key key = jwk.toKey();
            if (jwk.getId() != null && key instanceof PublicKey publicKey) {
                parsed.put(jwk.getId(), publicKey);
            }
        }
        return Map.copyOf(parsed);
    }
}
