package home.connected.alert.channel;

import home.connected.alert.AlertProperties;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM for channel secrets. The channel id is bound in as associated data, so a ciphertext
 * copied onto another channel's row does not decrypt. Stored form: 12-byte nonce, then the
 * ciphertext with its 16-byte tag.
 */
@Component
public class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    @Autowired
    SecretCipher(AlertProperties properties) {
        this(properties.secrets() == null ? null : properties.secrets().encryptionKey());
    }

    public SecretCipher(String encodedKey) {
        this.key = new SecretKeySpec(decode(encodedKey), "AES");
    }

    byte[] seal(byte[] plain, String channelId) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(channelId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt the secrets of channel " + channelId, e);
        }
    }

    byte[] open(byte[] stored, String channelId) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            cipher.updateAAD(channelId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "could not decrypt the secrets of channel " + channelId
                            + ": is ch.alert.secrets.encryption-key the key they were stored with?",
                    e);
        }
    }

    private static byte[] decode(String configured) {
        String hint = "ch.alert.secrets.encryption-key (env CH_ALERT_SECRETS_KEY) must be the base64 of 32 random"
                + " bytes, e.g. from `openssl rand -base64 32`";
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
