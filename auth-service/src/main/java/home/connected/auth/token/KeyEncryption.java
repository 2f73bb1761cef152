package home.connected.auth.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM for the signing keys' private halves. The key id is bound in as associated data, so
 * a ciphertext copied onto another row does not decrypt. Stored form: 12-byte nonce, then the
 * ciphertext with its tag.
 */
@Component
class KeyEncryption {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    KeyEncryption(SigningProperties properties) {
        this.key = new SecretKeySpec(decode(properties.keyEncryptionKey()), "AES");
    }

    byte[] seal(byte[] plain, String keyId) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt a signing key", e);
        }
    }

    byte[] open(byte[] stored, String keyId) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "could not decrypt signing key " + keyId + ": is ch.auth.signing.key-encryption-key the one it"
                            + " was stored with?",
                    e);
        }
    }

    private static byte[] decode(String configured) {
        String hint = "ch.auth.signing.key-encryption-key (env CH_AUTH_KEY_ENCRYPTION_KEY) must be the base64 of 32"
                + " random bytes, e.g. from `openssl rand -base64 32`";
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException(hint + "; it is not set");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(configured.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(hint + "; it is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(hint + "; it has " + bytes.length + " bytes");
        }
        return bytes;
    }
}
