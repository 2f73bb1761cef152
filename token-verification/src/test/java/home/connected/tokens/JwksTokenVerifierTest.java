package home.connected.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link TokenVerifier#usingJwks}: the verifier both services build from their token settings. */
class JwksTokenVerifierTest {

    private final KeyPair keys = TestKeys.ecKeys();
    private HttpServer server;

    @BeforeEach
    void serveJwks() throws Exception {
        byte[] body = TestKeys.jwks("k1", keys.getPublic()).getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/jwks.json", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void verifiesATokenSignedByAKeyOfTheJwks() throws Exception {
        TokenVerifier verifier = TokenVerifier.usingJwks(settings(TestKeys.ISSUER, TestKeys.AUDIENCE));

        assertThat(verifier.verify(freshToken()).subject()).isEqualTo("alice");
    }

    @Test
    void expectsTheIssuerAndAudienceOfTheSettings() {
        TokenVerifier otherIssuer = TokenVerifier.usingJwks(settings("https://elsewhere.test", TestKeys.AUDIENCE));
        TokenVerifier otherAudience = TokenVerifier.usingJwks(settings(TestKeys.ISSUER, "another-platform"));

        assertThatThrownBy(() -> otherIssuer.verify(freshToken())).isInstanceOf(TokenRejectedException.class);
        assertThatThrownBy(() -> otherAudience.verify(freshToken())).isInstanceOf(TokenRejectedException.class);
    }

    private TokenVerificationSettings settings(String issuer, String audience) {
        return new TokenVerificationSettings(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json"),
                issuer,
                audience,
                Duration.ofSeconds(30),
                Duration.ofMinutes(10),
                Duration.ofSeconds(30));
    }

    private String freshToken() {
        Instant now = Instant.now();
        return TestKeys.token(keys, "k1", now, now.plusSeconds(600));
    }
}
