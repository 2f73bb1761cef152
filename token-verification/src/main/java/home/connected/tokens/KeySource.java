package home.connected.tokens;

import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;

/** Finds the public key a token names in its {@code kid} header. */
@FunctionalInterface
public interface KeySource {

    Optional<PublicKey> find(String keyId);

    /** A fixed key set, e.g. for a service that verifies its own tokens or for tests. */
    static KeySource of(Map<String, ? extends PublicKey> keys) {
        Map<String, PublicKey> copy = Map.copyOf(keys);
        return keyId -> Optional.ofNullable(copy.get(keyId));
    }
}
