package home.connected.auth.token;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One refresh token (stored as its SHA-256) in a family that started with one sign-in. */
@Entity
@Table(name = "refresh_tokens")
class RefreshToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String tokenHash;
    private String familyId;
    private long userId;
    private Instant createdAt;
    private Instant expiresAt;
    private Instant usedAt;
    private Instant revokedAt;

    protected RefreshToken() {}

    RefreshToken(String tokenHash, String familyId, long userId, Instant createdAt, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.familyId = familyId;
        this.userId = userId;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    String getFamilyId() {
        return familyId;
    }

    long getUserId() {
        return userId;
    }

    Instant getExpiresAt() {
        return expiresAt;
    }

    boolean isSpent() {
        return usedAt != null || revokedAt != null;
    }

    void markUsed(Instant at) {
        this.usedAt = at;
    }
}
