package home.connected.query;

import com.sun.net.httpserver.HttpServer;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Signs ES256 access tokens the way auth-service does, and serves their key as a JWKS on a loopback port. */
public final class TestTokens {

    public static final String ISSUER = "connected-home-auth";
    public static final String AUDIENCE = "connected-home";
    private static final String KEY_ID = "query-test-key";
    private static final KeyPair KEYS = Jwts.SIG.ES256.keyPair().build();
    private static final HttpServer JWKS = serveJwks();

    private TestTokens() {}

    public static String jwksUri() {
        return "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/.well-known/jwks.json";
    }

    /** A valid token for user {@code tester} holding these permissions. */
    public static String withPermissions(String... permissions) {
        Instant now = Instant.now();
        return Jwts.builder()
                .header()
                .keyId(KEY_ID)
                .and()
                .subject("tester")
                .claim("name", "Tester")
                .claim("groups", List.of("members"))
                .claim("perms", List.of(permissions))
                .issuer(ISSUER)
                .audience()
                .add(AUDIENCE)
                .and()
                .id(UUID.randomUUID().toString())
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plusSeconds(900)))
                .signWith(KEYS.getPrivate())
                .compact();
    }

    private static HttpServer serveJwks() {
        byte[] body = ("{\"keys\":["
                        + Jwks.json(
                                Jwks.builder().key(KEYS.getPublic()).id(KEY_ID).build()) + "]}")
                .getBytes(StandardCharsets.UTF_8);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.setExecutor(null);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
