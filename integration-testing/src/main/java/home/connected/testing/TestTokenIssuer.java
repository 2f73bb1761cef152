package home.connected.testing;

import com.sun.net.httpserver.HttpServer;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Signs ES256 access tokens the way auth-service does, for one user, and serves their public key as
 * a JWKS on a loopback port ({@code /.well-known/jwks.json}), where auth-service serves it. Needs
 * jjwt (impl and a JSON binding) on the class path, as every service that verifies tokens has.
 */
public final class TestTokenIssuer implements AutoCloseable {

    public static final String ISSUER = "connected-home-auth";
    public static final String AUDIENCE = "connected-home";
    /** auth-service's access-token lifetime. */
    private static final Duration LIFETIME = Duration.ofMinutes(15);

    private final String keyId;
    private final String subject;
    private final String name;
    private final KeyPair keys = Jwts.SIG.ES256.keyPair().build();
    private final KeyPair otherKeys = Jwts.SIG.ES256.keyPair().build();
    private final HttpServer jwks;

    /**
     * Starts the JWKS server.
     *
     * @param keyId the {@code kid} of the key, in the JWKS and in every token's header
     * @param subject the user the tokens are for ({@code sub})
     * @param name that user's display name ({@code name})
     */
    public TestTokenIssuer(String keyId, String subject, String name) {
        this.keyId = keyId;
        this.subject = subject;
        this.name = name;
        byte[] body = ("{\"keys\":["
                        + Jwks.json(
                                Jwks.builder().key(keys.getPublic()).id(keyId).build()) + "]}")
                .getBytes(StandardCharsets.UTF_8);
        try {
            jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the JWKS server", e);
        }
        jwks.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jwks.start();
    }

    public String keyId() {
        return keyId;
    }

    /** Where the JWKS server listens, as auth-service's base URL. */
    public String baseUrl() {
        return "http://127.0.0.1:" + jwks.getAddress().getPort();
    }

    public String jwksUrl() {
        return baseUrl() + "/.well-known/jwks.json";
    }

    /** A valid token, issued now, holding these permissions. */
    public String token(String... permissions) {
        return sign(keys, Instant.now(), permissions);
    }

    /** A token that expired five minutes ago. */
    public String expired(String... permissions) {
        return sign(keys, Instant.now().minus(LIFETIME).minus(Duration.ofMinutes(5)), permissions);
    }

    /** Signed by a key the JWKS does not hold, under the real key's id. */
    public String forged(String... permissions) {
        return sign(otherKeys, Instant.now(), permissions);
    }

    private String sign(KeyPair signer, Instant issuedAt, String... permissions) {
        return Jwts.builder()
                .header()
                .keyId(keyId)
                .and()
                .subject(subject)
                .claim("name", name)
                .claim("groups", List.of("members"))
                .claim("perms", List.of(permissions))
                .issuer(ISSUER)
                .audience()
                .add(AUDIENCE)
                .and()
                .id(UUID.randomUUID().toString())
                .issuedAt(Date.from(issuedAt))
                .expiration(Date.from(issuedAt.plus(LIFETIME)))
                .signWith(signer.getPrivate())
                .compact();
    }

    @Override
    public void close() {
        jwks.stop(0);
    }
}
