package home.connected.tokens;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

/** Generated keys and token building for the verifier's tests. */
final class TestKeys {

    static final String ISSUER = "https://auth.test";
    static final String AUDIENCE = "connected-home";

    private TestKeys() {}

    static KeyPair ecKeys() {
        return Jwts.SIG.ES256.keyPair().build();
    }

    static String token(KeyPair keys, String keyId, Instant issuedAt, Instant expiresAt) {
        return Jwts.builder()
                .header()
                .keyId(keyId)
                .and()
                .subject("alice")
                .claim("name", "Alice")
                .claim("groups", List.of("members"))
                .claim("perms", List.of("readings:read", "alerts:read"))
                .issuer(ISSUER)
                .audience()
                .add(AUDIENCE)
                .and()
                .id("jti-1")
                .issuedAt(Date.from(issuedAt))
                .expiration(Date.from(expiresAt))
                .signWith(keys.getPrivate())
                .compact();
    }

    static String jwks(String keyId, PublicKey... keys) {
        return Arrays.stream(keys)
                .map(key -> Jwks.json(Jwks.builder().key(key).id(keyId).build()))
                .collect(Collectors.joining(",", "{\"keys\":[", "]}"));
    }
}
