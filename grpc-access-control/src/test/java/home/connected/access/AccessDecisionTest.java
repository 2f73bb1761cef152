package home.connected.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import home.connected.access.AccessDecision.AccessRefused;
import home.connected.access.AccessRules.Rule;
import home.connected.tokens.KeySource;
import home.connected.tokens.Permission;
import home.connected.tokens.TokenVerifier;
import home.connected.tokens.VerifiedToken;
import io.grpc.Status;
import io.jsonwebtoken.Jwts;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class AccessDecisionTest {

    private static final Optional<Rule> READINGS = Optional.of(new Rule(false, Permission.READINGS_READ));

    private final KeyPair keys = Jwts.SIG.ES256.keyPair().build();
    private final AccessDecision decision = new AccessDecision(
            new TokenVerifier(KeySource.of(Map.of("k1", keys.getPublic())), "iss", "aud", Duration.ofSeconds(30)));

    @Test
    void aTokenWithThePermissionPasses() throws AccessRefused {
        Optional<VerifiedToken> caller = decision.decide(READINGS, "Bearer " + token(List.of("readings:read")));

        assertThat(caller).map(VerifiedToken::subject).contains("anna");
    }

    @Test
    void aTokenWithoutThePermissionIsDenied() {
        assertThatThrownBy(() -> decision.decide(READINGS, "Bearer " + token(List.of("alerts:read"))))
                .isInstanceOfSatisfying(AccessRefused.class, refused -> {
                    assertThat(refused.status().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                    assertThat(refused.status().getDescription()).contains("readings:read");
                });
    }

    @Test
    void missingMalformedOrForgedTokensAreUnauthenticated() {
        KeyPair other = Jwts.SIG.ES256.keyPair().build();
        String forged = Jwts.builder()
                .header()
                .keyId("k1")
                .and()
                .subject("anna")
                .issuer("iss")
                .audience()
                .add("aud")
                .and()
                .claim("perms", List.of("readings:read"))
                .expiration(Date.from(Instant.now().plusSeconds(60)))
                .signWith(other.getPrivate(), Jwts.SIG.ES256)
                .compact();

        for (String authorization :
                new String[] {null, "Basic abc", "Bearer ", "Bearer not.a.jwt", "Bearer " + forged}) {
            assertThatThrownBy(() -> decision.decide(READINGS, authorization))
                    .as(String.valueOf(authorization))
                    .isInstanceOfSatisfying(
                            AccessRefused.class,
                            refused -> assertThat(refused.status().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        }
    }

    @Test
    void publicCallsNeedNoTokenAndUnknownCallsAreRefused() throws AccessRefused {
        assertThat(decision.decide(Optional.of(Rule.PUBLIC), null)).isEmpty();
        assertThatThrownBy(() -> decision.decide(Optional.empty(), "Bearer " + token(List.of("readings:read"))))
                .isInstanceOfSatisfying(
                        AccessRefused.class,
                        refused -> assertThat(refused.status().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    }

    private String token(List<String> permissions) {
        return Jwts.builder()
                .header()
                .keyId("k1")
                .and()
                .subject("anna")
                .issuer("iss")
                .audience()
                .add("aud")
                .and()
                .claim("name", "Anna")
                .claim("groups", List.of("members"))
                .claim("perms", permissions)
                .issuedAt(new Date())
                .expiration(Date.from(Instant.now().plusSeconds(300)))
                .signWith(keys.getPrivate(), Jwts.SIG.ES256)
                .compact();
    }
}
