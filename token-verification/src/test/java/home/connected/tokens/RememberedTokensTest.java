package home.connected.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A verified token is remembered until its expiry: its signature is checked once, and never after its exp. */
class RememberedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private final KeyPair keys = TestKeys.ecKeys();
    private final AtomicInteger keyLookups = new AtomicInteger();
    private final MovableClock clock = new MovableClock(NOW);
    private final TokenVerifier verifier =
            new TokenVerifier(this::find, TestKeys.ISSUER, TestKeys.AUDIENCE, Duration.ofSeconds(30), clock);

    @Test
    void checksASignatureOnceWhileTheTokenIsValid() throws Exception {
        String token = TestKeys.token(keys, "k1", NOW, NOW.plusSeconds(600));

        VerifiedToken first = verifier.verify(token);
        clock.now = NOW.plusSeconds(599);
        VerifiedToken again = verifier.verify(token);

        assertThat(again).isEqualTo(first);
        assertThat(keyLookups).hasValue(1);
    }

    @Test
    void checksARememberedTokenInFullOnceItHasExpired() throws Exception {
        String token = TestKeys.token(keys, "k1", NOW, NOW.plusSeconds(600));
        verifier.verify(token);

        clock.now = NOW.plusSeconds(600 + 31);

        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOf(TokenRejectedException.class)
                .hasMessageContaining("expired");
        assertThat(keyLookups).hasValue(2);
    }

    @Test
    void remembersNoRefusedToken() {
        String forged = TestKeys.token(TestKeys.ecKeys(), "k1", NOW, NOW.plusSeconds(600));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> verifier.verify(forged))
                    .isInstanceOf(TokenRejectedException.class)
                    .hasMessageContaining("signature");
        }
        assertThat(keyLookups).hasValue(3);
    }

    @Test
    void staysBoundedForgettingWhatItHeldWhenFull() throws Exception {
        TokenVerifier small =
                new TokenVerifier(this::find, TestKeys.ISSUER, TestKeys.AUDIENCE, Duration.ofSeconds(30), clock, 3);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tokens.add(TestKeys.token(keys, "k1", NOW.minusSeconds(i), NOW.plusSeconds(600)));
            small.verify(tokens.get(i));
        }
        int lookups = keyLookups.get();

        small.verify(tokens.get(3));
        assertThat(keyLookups).hasValue(lookups);
        small.verify(tokens.get(0));
        assertThat(keyLookups).hasValue(lookups + 1);
    }

    private Optional<PublicKey> find(String keyId) {
        keyLookups.incrementAndGet();
        return "k1".equals(keyId) ? Optional.of(keys.getPublic()) : Optional.empty();
    }

    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
