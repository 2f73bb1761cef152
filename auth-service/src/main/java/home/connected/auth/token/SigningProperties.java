package home.connected.auth.token;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param keyEncryptionKey base64 of 32 random bytes (AES-256) that encrypt the signing keys'
 *     private halves in the database; from the deployment's secret, never stored with the data
 * @param rotateAfter how long one key signs before a new one takes over
 */
@ConfigurationProperties("ch.auth.signing")
record SigningProperties(String keyEncryptionKey, Duration rotateAfter) {}
