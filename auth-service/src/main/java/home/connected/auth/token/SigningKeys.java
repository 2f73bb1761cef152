package home.connected.auth.token;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ES256 keys that sign access tokens. The newest unretired key signs. On rotation the others
 * are retired but stay published (JWKS, own verification) until the last token they signed has
 * expired; then they are deleted. Keys are read from the database, so replicas share them.
 */
@Component
public class SigningKeys {

    static final String ALGORITHM = "ES256";
    private static final Duration MIN_RELOAD_INTERVAL = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final SigningKeyRepository repository;
    private final KeyEncryption encryption;
    private final Duration rotateAfter;
    private final Duration publishedAfterRetirement;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private volatile List<LoadedKey> keys;
    private volatile Instant lastReload = Instant.EPOCH;

    SigningKeys(
            SigningKeyRepository repository,
            KeyEncryption encryption,
            SigningProperties signing,
            TokenProperties tokens,
            Clock clock,
            TransactionTemplate transactions) {
        this.repository = repository;
        this.encryption = encryption;
        this.rotateAfter = signing.rotateAfter();
        this.publishedAfterRetirement = tokens.accessTokenTtl().plus(tokens.clockSkew());
        this.clock = clock;
        this.transactions = transactions;
    }

    record LoadedKey(String kid, PublicKey publicKey, PrivateKey privateKey, Instant createdAt, Instant retiredAt) {}

    /** The key to sign with now; creates the first one when there is none. */
    LoadedKey current() {
        return signingKey().orElseGet(() -> {
            synchronized (this) {
                reload();
                if (signingKey().isEmpty()) {
                    rotate();
                }
                return signingKey().orElseThrow();
            }
        });
    }

    private Optional<LoadedKey> signingKey() {
        return loaded().stream().filter(k -> k.retiredAt() == null).findFirst();
    }

    /** The public keys a token may be signed with: the current one and those retired too recently to drop. */
    public Map<String, PublicKey> published() {
        Instant now = clock.instant();
        return loaded().stream()
                .filter(k -> k.retiredAt() == null
                        || k.retiredAt().plus(publishedAfterRetirement).isAfter(now))
                .collect(Collectors.toUnmodifiableMap(LoadedKey::kid, LoadedKey::publicKey));
    }

    /** A published key; an unknown kid makes it look in the database again (another replica may have rotated). */
    public Optional<PublicKey> find(String kid) {
        PublicKey key = published().get(kid);
        Instant now = clock.instant();
        if (key == null && now.isAfter(lastReload.plus(MIN_RELOAD_INTERVAL))) {
            reload();
            key = published().get(kid);
        }
        return Optional.ofNullable(key);
    }

    /** Jwks JSON of {@link #published()}. */
    String jwksJson() {
        return published().entrySet().stream()
                .map(e -> Jwks.json(Jwks.builder()
                        .key(e.getValue())
                        .id(e.getKey())
                        .algorithm(ALGORITHM)
                        .publicKeyUse("sig")
                        .build()))
                .collect(Collectors.joining(",", "{\"keys\":[", "]}"));
    }

    /** Makes a new key the signing key and retires the others. */
    public synchronized void rotate() {
        KeyPair pair = Jwts.SIG.ES256.keyPair().build();
        String kid =
                Jwks.builder().key(pair.getPublic()).idFromThumbprint().build().getId();
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            repository.retireAll(now);
            repository.save(new SigningKey(
                    kid,
                    ALGORITHM,
                    pair.getPublic().getEncoded(),
                    encryption.seal(pair.getPrivate().getEncoded(), kid),
                    now));
        });
        log.info("token signing key {} now signs; earlier keys stay published for {}", kid, publishedAfterRetirement);
        reload();
    }

    /** Rotates when the signing key is due, drops keys whose tokens have all expired, and picks up other replicas' keys. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void maintain() {
        reload();
        Instant now = clock.instant();
        LoadedKey signing = current();
        if (!signing.createdAt().plus(rotateAfter).isAfter(now)) {
            rotate();
        }
        Integer dropped =
                transactions.execute(status -> repository.deleteRetiredBefore(now.minus(publishedAfterRetirement)));
        if (dropped != null && dropped > 0) {
            log.info("dropped {} retired signing keys whose tokens have all expired", dropped);
            reload();
        }
    }

    private List<LoadedKey> loaded() {
        List<LoadedKey> snapshot = keys;
        if (snapshot == null) {
            reload();
            snapshot = keys;
        }
        return snapshot;
    }

    private synchronized void reload() {
        List<SigningKey> rows = transactions.execute(status -> repository.findAllByOrderByCreatedAtDesc());
        keys = rows.stream().map(this::load).toList();
        lastReload = clock.instant();
    }

    private LoadedKey load(SigningKey row) {
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(row.getPublicKey()));
            PrivateKey privateKey = factory.generatePrivate(
                    new PKCS8EncodedKeySpec(encryption.open(row.getPrivateKeyEncrypted(), row.getKid())));
            return new LoadedKey(row.getKid(), publicKey, privateKey, row.getCreatedAt(), row.getRetiredAt());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + row.getKid() + " cannot be read", e);
        }
    }
}
