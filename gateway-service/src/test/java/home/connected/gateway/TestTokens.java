package home.connected.gateway;

import com.sun.net.httpserver.HttpServer;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** ES256 access tokens as auth-service issues them, and a JWKS endpoint serving their key. */
final class TestTokens implements AutoCloseable {

    static final String ISSUER = "connected-home-auth";
    static final String AUDIENCE = "connected-home";
    static final String KEY_ID = "gateway-test-key";

    private final KeyPair keys = Jwts.SIG.ES256.keyPair().build();
    private final KeyPair otherKeys = Jwts.SIG.ES256.keyPair().build();
    private final HttpServer jwks;

    TestTokens() throws IOException {
        byte[] body = ("{\"keys\":["
                        + Jwks.json(
                                Jwks.builder().key(keys.getPublic()).id(KEY_ID).build()) + "]}")
                .getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jwks.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + jwks.getAddress().getPort();
    }

    String jwksUrl() {
        return baseUrl() + "/.well-known/jwks.json";
    }

    String token(String... permissions) {
        return sign(keys, KEY_ID, Instant.now().plus(Duration.ofMinutes(5)), permissions);
    }

    String expired(String... permissions) {
        return sign(keys, KEY_ID, Instant.now().minus(Duration.ofMinutes(5)), permissions);
    }

    /** Signed by a key the JWKS does not hold, under the real key's id. */
    String forged(String... permissions) {
        return sign(otherKeys, KEY_ID, Instant.now().plus(Duration.ofMinutes(5)), permissions);
    }

    private static String sign(KeyPair keys, String keyId, Instant expiresAt, String... permissions) {
        return Jwts.builder()
                .header()
                .keyId(keyId)
                .and()
                .subject("alice")
                .claim("name", "Alice")
                .claim("groups", List.of("members"))
                .claim("perms", List.of(permissions))
                .issuer(ISSUER)
                .audience()
                .add(AUDIENCE)
                .and()
                .id("jti-" + System.nanoTime())
                .issuedAt(Date.from(expiresAt.minus(Duration.ofMinutes(15))))
                .expiration(Date.from(expiresAt))
                .signWith(keys.getPrivate())
                .compact();
    }

    @Override
    public void close() {
        jwks.stop(0);
    }
}
