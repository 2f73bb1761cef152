package home.connected.auth.token;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A token signing key; the private half is encrypted by {@link KeyEncryption}. */
@Entity
@Table(name = "signing_keys")
class SigningKey {

    @Id
    private String kid;

    private String algorithm;
    private byte[] publicKey;
    private byte[] privateKeyEncrypted;
    private Instant createdAt;
    private Instant retiredAt;

    protected SigningKey() {}

    SigningKey(String kid, String algorithm, byte[] publicKey, byte[] privateKeyEncrypted, Instant createdAt) {
        this.kid = kid;
        this.algorithm = algorithm;
        this.publicKey = publicKey;
        this.privateKeyEncrypted = privateKeyEncrypted;
        this.createdAt = createdAt;
    }

    String getKid() {
        return kid;
    }

    String getAlgorithm() {
        return algorithm;
    }

    byte[] getPublicKey() {
        return publicKey;
    }

    byte[] getPrivateKeyEncrypted() {
        return privateKeyEncrypted;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getRetiredAt() {
        return retiredAt;
    }

    void retire(Instant at) {
        this.retiredAt = at;
    }
}
