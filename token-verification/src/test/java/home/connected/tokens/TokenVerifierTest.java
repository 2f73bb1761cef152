package home.connected.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();

    private final KeyPair keys = TestKeys.ecKeys();
    private final TokenVerifier verifier = new TokenVerifier(
            KeySource.of(Map.of("k1", keys.getPublic())),
            TestKeys.ISSUER,
            TestKeys.AUDIENCE,
            Duration.ofSeconds(30),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void acceptsAGoodTokenAndReadsItsClaims() throws Exception {
        VerifiedToken token = verifier.verify(goodToken());

        assertThat(token.subject()).isEqualTo("alice");
        assertThat(token.name()).isEqualTo("Alice");
        assertThat(token.groups()).containsExactly("members");
        assertThat(token.permissions()).containsExactlyInAnyOrder("readings:read", "alerts:read");
        assertThat(token.hasPermission(Permission.READINGS_READ)).isTrue();
        assertThat(token.hasPermission(Permission.USERS_MANAGE)).isFalse();
        assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(600));
    }

    @Test
    void acceptsATokenThatExpiredWithinTheClockSkew() throws Exception {
        String justExpired = TestKeys.token(keys, "k1", NOW.minusSeconds(900), NOW.minusSeconds(10));

        assertThat(verifier.verify(justExpired).subject()).isEqualTo("alice");
    }

    @Test
    void refusesAnExpiredToken() {
        String expired = TestKeys.token(keys, "k1", NOW.minusSeconds(1000), NOW.minusSeconds(31));

        assertRejected(expired, "expired");
    }

    @Test
    void refusesATokenThatIsNotValidYet() {
        String early = Jwts.builder()
                .header()
                .keyId("k1")
                .and()
                .subject("alice")
                .issuer(TestKeys.ISSUER)
                .audience()
                .add(TestKeys.AUDIENCE)
                .and()
                .notBefore(Date.from(NOW.plusSeconds(120)))
                .expiration(Date.from(NOW.plusSeconds(900)))
                .signWith(keys.getPrivate())
                .compact();

        assertRejected(early, "not valid yet");
    }

    @Test
    void refusesATokenWithoutExpiry() {
        String forever = Jwts.builder()
                .header()
                .keyId("k1")
                .and()
                .subject("alice")
                .issuer(TestKeys.ISSUER)
                .audience()
                .add(TestKeys.AUDIENCE)
                .and()
                .signWith(keys.getPrivate())
                .compact();

        assertRejected(forever, "no expiry");
    }

    @Test
    void refusesAWrongIssuer() {
        TokenVerifier expectingAnother = new TokenVerifier(
                KeySource.of(Map.of("k1", keys.getPublic())),
                "https://someone-else",
                TestKeys.AUDIENCE,
                Duration.ofSeconds(30),
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> expectingAnother.verify(goodToken()))
                .isInstanceOf(TokenRejectedException.class)
                .hasMessageContaining("iss");
    }

    @Test
    void refusesAWrongAudience() {
        TokenVerifier expectingAnother = new TokenVerifier(
                KeySource.of(Map.of("k1", keys.getPublic())),
                TestKeys.ISSUER,
                "another-audience",
                Duration.ofSeconds(30),
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> expectingAnother.verify(goodToken()))
                .isInstanceOf(TokenRejectedException.class)
                .hasMessageContaining("aud");
    }

    @Test
    void refusesAnUnknownKeyId() {
        assertRejected(TestKeys.token(keys, "k2", NOW, NOW.plusSeconds(600)), "unknown key k2");
    }

    @Test
    void refusesATokenWithoutKeyId() {
        String noKid = Jwts.builder()
                .subject("alice")
                .issuer(TestKeys.ISSUER)
                .audience()
                .add(TestKeys.AUDIENCE)
                .and()
                .expiration(Date.from(NOW.plusSeconds(600)))
                .signWith(keys.getPrivate())
                .compact();

        assertRejected(noKid, "no kid");
    }

    @Test
    void refusesASignatureByAnotherKeyUnderAKnownKeyId() {
        KeyPair attacker = TestKeys.ecKeys();

        assertRejected(TestKeys.token(attacker, "k1", NOW, NOW.plusSeconds(600)), "signature");
    }

    @Test
    void refusesAlgNone() {
        String header = encode("{\"alg\":\"none\",\"kid\":\"k1\",\"typ\":\"JWT\"}");
        String unsigned = header + "." + goodToken().split("\\.")[1] + ".";

        assertRejected(unsigned, "");
    }

    @Test
    void refusesHs256SignedWithThePublicKey() throws Exception {
        String header = encode("{\"alg\":\"HS256\",\"kid\":\"k1\",\"typ\":\"JWT\"}");
        String signingInput = header + "." + goodToken().split("\\.")[1];
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(keys.getPublic().getEncoded(), "HmacSHA256"));
        String forged =
                signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8)));

        assertRejected(forged, "HS256");
    }

    @Test
    void refusesRs256HeaderOverAnEcKey() {
        KeyPair rsa = Jwts.SIG.RS256.keyPair().build();
        String switched = Jwts.builder()
                .header()
                .keyId("k1")
                .and()
                .subject("alice")
                .issuer(TestKeys.ISSUER)
                .audience()
                .add(TestKeys.AUDIENCE)
                .and()
                .expiration(Date.from(NOW.plusSeconds(600)))
                .signWith(rsa.getPrivate(), Jwts.SIG.RS256)
                .compact();

        assertRejected(switched, "does not fit algorithm RS256");
    }

    @Test
    void acceptsRs256WithAnRsaKey() throws Exception {
        KeyPair rsa = Jwts.SIG.RS256.keyPair().build();
        TokenVerifier rsaVerifier = new TokenVerifier(
                KeySource.of(Map.of("r1", rsa.getPublic())),
                TestKeys.ISSUER,
                TestKeys.AUDIENCE,
                Duration.ofSeconds(30),
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(rsaVerifier
                        .verify(TestKeys.token(rsa, "r1", NOW, NOW.plusSeconds(60)))
                        .subject())
                .isEqualTo("alice");
    }

    @Test
    void refusesTamperedClaims() {
        String[] parts = goodToken().split("\\.");
        String claims = new String(B64_DECODE.decode(parts[1]), StandardCharsets.UTF_8);
        String escalated = claims.replace("\"alerts:read\"", "\"users:manage\"");
        assertThat(escalated).isNotEqualTo(claims);
        String tampered = parts[0] + "." + encode(escalated) + "." + parts[2];

        assertRejected(tampered, "signature");
    }

    @Test
    void refusesClaimsOfTheWrongShape() {
        String token = Jwts.builder()
                .header()
                .keyId("k1")
                .and()
                .subject("alice")
                .claim("perms", "users:manage")
                .issuer(TestKeys.ISSUER)
                .audience()
                .add(TestKeys.AUDIENCE)
                .and()
                .expiration(Date.from(NOW.plusSeconds(600)))
                .signWith(keys.getPrivate())
                .compact();

        assertRejected(token, "perms is not a list");
    }

    @Test
    void refusesGarbageEmptyAndHugeTokens() {
        assertRejected("", "no token");
        assertRejected(null, "no token");
        assertRejected("not.a.jwt", "");
        assertRejected("x".repeat(TokenVerifier.MAX_TOKEN_LENGTH + 1), "too long");
        assertThat(List.of(goodToken().split("\\."))).hasSize(3);
    }

    private String goodToken() {
        return TestKeys.token(keys, "k1", NOW, NOW.plusSeconds(600));
    }

    private void assertRejected(String token, String reason) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOf(TokenRejectedException.class)
                .hasMessageContaining(reason);
    }

    private static String encode(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
