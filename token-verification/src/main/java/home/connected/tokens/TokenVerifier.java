package home.connected.tokens;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.PrematureJwtException;
import io.jsonwebtoken.security.SecurityException;
import java.security.Key;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies the platform's access tokens: a signature by a key from the {@link KeySource} chosen by
 * the required {@code kid} header, with ES256 or RS256 only (the key's type must match the
 * algorithm, so an {@code alg: none} or an HMAC token "signed" with a public key never passes),
 * {@code exp} required and {@code exp}/{@code nbf} checked with a small clock skew, and the
 * expected {@code iss} and {@code aud}. Thread-safe.
 *
 * <p>A token that passed is remembered until its expiry, so the gateway and the backend behind it
 * check a caller's signature once, not on every request (an ES256 check costs far more than the
 * rest of a small request). A remembered token is never taken a moment past its {@code exp}, and a
 * signing key is retired only after the tokens it signed have expired, so the cache accepts
 * nothing the full check would refuse.
 */
public final class TokenVerifier {

    /** Tokens are a few hundred bytes; anything far larger is refused before it is parsed. */
    static final int MAX_TOKEN_LENGTH = 8 * 1024;

    private static final String ES256 = "ES256";
    private static final String RS256 = "RS256";

    /** At most this many verified tokens are remembered; a household has a handful of callers. */
    static final int MAX_REMEMBERED = 10_000;

    private final JwtParser parser;
    private final Clock clock;
    private final int maxRemembered;
    private final Map<String, VerifiedToken> verified = new ConcurrentHashMap<>();

    public TokenVerifier(KeySource keys, String issuer, String audience, Duration clockSkew) {
        this(keys, issuer, audience, clockSkew, Clock.systemUTC());
    }

    public TokenVerifier(KeySource keys, String issuer, String audience, Duration clockSkew, Clock clock) {
        this(keys, issuer, audience, clockSkew, clock, MAX_REMEMBERED);
    }

    TokenVerifier(KeySource keys, String issuer, String audience, Duration clockSkew, Clock clock, int maxRemembered) {
        requireText(issuer, "issuer");
        this.maxRemembered = maxRemembered;
        requireText(audience, "audience");
        this.clock = clock;
        this.parser = Jwts.parser()
                .keyLocator(new KeyByIdAndAlgorithm(keys))
                .sig()
                .clear()
                .add(Jwts.SIG.ES256)
                .add(Jwts.SIG.RS256)
                .and()
                .requireIssuer(issuer)
                .requireAudience(audience)
                .clockSkewSeconds(clockSkew.toSeconds())
                .clock(() -> Date.from(clock.instant()))
                .build();
    }

    /** A verifier whose keys come from the JWKS the settings name, cached as {@link JwksKeySource} does. */
    public static TokenVerifier usingJwks(TokenVerificationSettings settings) {
        KeySource keys =
                new JwksKeySource(settings.jwksUrl(), settings.jwksMaxAge(), settings.jwksMinRefetchInterval());
        return new TokenVerifier(keys, settings.issuer(), settings.audience(), settings.clockSkew());
    }

    public VerifiedToken verify(String token) throws TokenRejectedException {
        if (token == null || token.isBlank()) {
            throw new TokenRejectedException("no token");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new TokenRejectedException("token is too long");
        }
        VerifiedToken known = remembered(token);
        if (known != null) {
            return known;
        }
        VerifiedToken checked = check(token);
        remember(token, checked);
        return checked;
    }

    /**
     * Whether {@link #verify} would answer this token from memory, without a signature check or a
     * key fetch: callers on an event loop verify such a token in place and hand the others off.
     */
    public boolean remembers(String token) {
        return token != null && remembered(token) != null;
    }

    /** The token as verified before, while it has not expired; null otherwise. */
    private VerifiedToken remembered(String token) {
        VerifiedToken known = verified.get(token);
        return known != null && clock.instant().isBefore(known.expiresAt()) ? known : null;
    }

    private void remember(String token, VerifiedToken checked) {
        if (verified.size() >= maxRemembered) {
            Instant now = clock.instant();
            verified.values().removeIf(remembered -> !now.isBefore(remembered.expiresAt()));
            if (verified.size() >= maxRemembered) {
                verified.clear();
            }
        }
        verified.put(token, checked);
    }

    private VerifiedToken check(String token) throws TokenRejectedException {
        Claims claims;
        try {
            claims = parser.parseSignedClaims(token.strip()).getPayload();
        } catch (ExpiredJwtException e) {
            throw new TokenRejectedException("token has expired", e);
        } catch (PrematureJwtException e) {
            throw new TokenRejectedException("token is not valid yet", e);
        } catch (SecurityException e) {
            throw new TokenRejectedException("token signature is not valid: " + e.getMessage(), e);
        } catch (UnknownKeyException e) {
            throw new TokenRejectedException(e.getMessage(), e);
        } catch (JwtException | IllegalArgumentException e) {
            throw new TokenRejectedException("token is not acceptable: " + e.getMessage(), e);
        }
        if (claims.getExpiration() == null) {
            throw new TokenRejectedException("token has no expiry");
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new TokenRejectedException("token has no subject");
        }
        return new VerifiedToken(
                claims.getSubject(),
                claims.get("name") instanceof String name ? name : claims.getSubject(),
                stringSet(claims, "groups"),
                stringSet(claims, "perms"),
                claims.getExpiration().toInstant());
    }

    private static Set<String> stringSet(Claims claims, String name) throws TokenRejectedException {
        Object value = claims.get(name);
        if (value == null) {
            return Set.of();
        }
        if (!(value instanceof Collection<?> items)) {
            throw new TokenRejectedException("claim " + name + " is not a list");
        }
        Set<String> strings = new LinkedHashSet<>();
        for (Object item : items) {
            if (!(item instanceof String text)) {
                throw new TokenRejectedException("claim " + name + " holds something other than strings");
            }
            strings.add(text);
        }
        return strings;
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the expected " + what + " must be given");
        }
    }

    /** Picks the key by {@code kid} and refuses a key whose type does not fit the header's algorithm. */
    private static final class KeyByIdAndAlgorithm extends LocatorAdapter<Key> {

        private final KeySource keys;

        KeyByIdAndAlgorithm(KeySource keys) {
            this.keys = keys;
        }

        @Override
        protected Key locate(JwsHeader header) {
            String algorithm = header.getAlgorithm();
            if (!ES256.equals(algorithm) && !RS256.equals(algorithm)) {
                throw new UnknownKeyException("token algorithm " + algorithm + " is not accepted");
            }
            String keyId = header.getKeyId();
            if (keyId == null || keyId.isBlank()) {
                throw new UnknownKeyException("token has no kid");
            }
            PublicKey key =
                    keys.find(keyId).orElseThrow(() -> new UnknownKeyException("token names an unknown key " + keyId));
            boolean fits = ES256.equals(algorithm) ? key instanceof ECPublicKey : key instanceof RSAPublicKey;
            if (!fits) {
                throw new UnknownKeyException("key " + keyId + " does not fit algorithm " + algorithm);
            }
            return key;
        }
    }

    private static final class UnknownKeyException extends JwtException {
        UnknownKeyException(String message) {
            super(message);
        }
    }
}
