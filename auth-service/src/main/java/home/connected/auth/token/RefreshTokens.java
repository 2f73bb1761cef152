package home.connected.auth.token;

import home.connected.access.ApiException;
import home.connected.auth.audit.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opaque refresh tokens, stored hashed. Each use spends the token and hands out the next one of
 * its family; presenting a spent token means it was copied, so the whole family is revoked.
 */
@Service
public class RefreshTokens {

    private final RefreshTokenRepository repository;
    private final TokenProperties properties;
    private final AuditLog audit;
    private final Clock clock;

    RefreshTokens(RefreshTokenRepository repository, TokenProperties properties, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /** The next token of a family, and the user it belongs to. */
    public record Rotation(long userId, String refreshToken) {}

    /** Starts a new family (a sign-in) and returns its first token. */
    @Transactional
    public String start(long userId) {
        return issue(UUID.randomUUID().toString(), userId);
    }

    /** Spends the presented token and returns its successor. Refusals still commit the family's revocation. */
    @Transactional(noRollbackFor = ApiException.class)
    public Rotation rotate(String presented) {
        RefreshToken token = repository
                .findByTokenHash(Secrets.hash(presented))
                .orElseThrow(() -> ApiException.unauthenticated("the refresh token is not valid; sign in again"));
        Instant now = clock.instant();
        if (token.isSpent()) {
            repository.revokeFamily(token.getFamilyId(), now);
            audit.recordAs(
                    "anonymous", "token.reused", "user:" + token.getUserId(), "family revoked " + token.getFamilyId());
            throw ApiException.unauthenticated(
                    "the refresh token was already used; this sign-in has been ended everywhere, sign in again");
        }
        if (!token.getExpiresAt().isAfter(now)) {
            throw ApiException.unauthenticated("the refresh token has expired; sign in again");
        }
        token.markUsed(now);
        return new Rotation(token.getUserId(), issue(token.getFamilyId(), token.getUserId()));
    }

    /** Ends the sign-in the token belongs to; returns the user's id, empty when the token is unknown. */
    @Transactional
    public Optional<Long> revokeFamilyOf(String presented) {
        return repository.findByTokenHash(Secrets.hash(presented)).map(token -> {
            repository.revokeFamily(token.getFamilyId(), clock.instant());
            return token.getUserId();
        });
    }

    @Transactional
    public void revokeAllOf(long userId) {
        repository.revokeAllOfUser(userId, clock.instant());
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    @Transactional
    void dropExpired() {
        repository.deleteExpiredBefore(clock.instant());
    }

    private String issue(String familyId, long userId) {
        String token = Secrets.newSecret();
        Instant now = clock.instant();
        repository.save(
                new RefreshToken(Secrets.hash(token), familyId, userId, now, now.plus(properties.refreshTokenTtl())));
        return token;
    }
}
