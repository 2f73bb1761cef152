package home.connected.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void sealsAndOpensBoundToTheChannelId() {
        SecretCipher cipher = new SecretCipher(KEY);
        byte[] plain = "{\"slack\":{\"webhookUrl\":\"https://hooks.slack.com/x\"}}".getBytes(StandardCharsets.UTF_8);

        byte[] sealed = cipher.seal(plain, "channel-1");

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("hooks.slack.com");
        assertThat(sealed).hasSize(12 + plain.length + 16);
        assertThat(cipher.open(sealed, "channel-1")).isEqualTo(plain);
        assertThat(cipher.seal(plain, "channel-1"))
                .as("a fresh nonce each time")
                .isNotEqualTo(sealed);
        assertThatThrownBy(() -> cipher.open(sealed, "channel-2"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not decrypt the secrets of channel channel-2");
        byte[] other = Base64.getDecoder().decode(KEY);
        other[0] = 1;
        assertThatThrownBy(() -> new SecretCipher(Base64.getEncoder().encodeToString(other)).open(sealed, "channel-1"))
                .hasMessageContaining("is ch.alert.secrets.encryption-key the key they were stored with?");
    }

    @Test
    void refusesToStartWithoutAUsableKey() {
        assertThatThrownBy(() -> new SecretCipher((String) null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "ch.alert.secrets.encryption-key (env CH_ALERT_SECRETS_KEY) must be the base64 of 32")
                .hasMessageEndingWith("it is not set");
        assertThatThrownBy(() -> new SecretCipher(" ")).hasMessageEndingWith("it is not set");
        assertThatThrownBy(() -> new SecretCipher("not base64!")).hasMessageEndingWith("it is not base64");
        assertThatThrownBy(() -> new SecretCipher(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageEndingWith("it has 16 bytes");
    }
}
