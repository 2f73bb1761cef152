package home.connected.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JwksKeySourceTest {

    private final AtomicReference<String> body = new AtomicReference<>("{\"keys\":[]}");
    private final AtomicInteger requests = new AtomicInteger();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
    private HttpServer server;
    private JwksKeySource source;

    @BeforeEach
    void serveJwks() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/jwks.json", exchange -> {
            requests.incrementAndGet();
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        source = new JwksKeySource(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json"),
                Duration.ofMinutes(10),
                Duration.ofSeconds(30),
                clock);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void fetchesOnceAndServesFromTheCache() {
        KeyPair keys = TestKeys.ecKeys();
        body.set(TestKeys.jwks("k1", keys.getPublic()));

        assertThat(source.find("k1")).contains(keys.getPublic());
        assertThat(source.find("k1")).contains(keys.getPublic());
        assertThat(requests).hasValue(1);
    }

    @Test
    void refetchesForANewKeyIdButNotMoreOftenThanTheInterval() {
        KeyPair first = TestKeys.ecKeys();
        KeyPair rotated = TestKeys.ecKeys();
        body.set(TestKeys.jwks("k1", first.getPublic()));
        assertThat(source.find("k1")).isPresent();

        body.set("{\"keys\":[" + TestKeys.jwks("k1", first.getPublic()).replaceAll("^\\{\"keys\":\\[|]}$", "") + ","
                + TestKeys.jwks("k2", rotated.getPublic()).replaceAll("^\\{\"keys\":\\[|]}$", "") + "]}");
        assertThat(source.find("k2")).as("within the refetch interval").isEmpty();
        assertThat(source.find("made-up")).isEmpty();
        assertThat(requests).hasValue(1);

        clock.advance(Duration.ofSeconds(31));
        assertThat(source.find("k2")).contains(rotated.getPublic());
        assertThat(source.find("k1")).contains(first.getPublic());
        assertThat(requests).hasValue(2);
    }

    @Test
    void keepsKnownKeysWhenTheServerFails() {
        KeyPair keys = TestKeys.ecKeys();
        body.set(TestKeys.jwks("k1", keys.getPublic()));
        assertThat(source.find("k1")).isPresent();

        body.set("this is not json");
        clock.advance(Duration.ofMinutes(11));

        assertThat(source.find("k1")).contains(keys.getPublic());
        assertThat(requests).hasValue(2);
    }

    @Test
    void verifiesTokensAgainstTheFetchedKeys() throws Exception {
        KeyPair keys = TestKeys.ecKeys();
        body.set(TestKeys.jwks("k1", keys.getPublic()));
        TokenVerifier verifier =
                new TokenVerifier(source, TestKeys.ISSUER, TestKeys.AUDIENCE, Duration.ofSeconds(30), clock);

        VerifiedToken token = verifier.verify(
                TestKeys.token(keys, "k1", clock.instant(), clock.instant().plusSeconds(60)));

        assertThat(token.subject()).isEqualTo("alice");
    }

    static final class MutableClock extends java.time.Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
