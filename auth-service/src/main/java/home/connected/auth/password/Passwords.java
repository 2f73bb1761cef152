package home.connected.auth.password;

import home.connected.access.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password hashing (bcrypt) and the password policy. An unknown username is checked against a
 * dummy hash made with the same settings, so it costs the same time as a wrong password.
 */
@Component
public class Passwords {

    /** bcrypt reads at most 72 bytes; a longer password would silently lose its tail. */
    static final int MAX_BYTES = 72;

    private final BCryptPasswordEncoder encoder;
    private final int minLength;
    private final String dummyHash;

    Passwords(Properties properties) {
        this.encoder = new BCryptPasswordEncoder(properties.bcryptStrength(), new SecureRandom());
        this.minLength = properties.minLength();
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.dummyHash = encoder.encode(HexFormat.of().formatHex(random));
    }

    /** Checks the policy, then hashes. */
    public String hashNew(String password, String username) {
        requireAcceptable(password, username);
        return encoder.encode(password);
    }

    /** Compares against the user's hash, or against the dummy hash when there is no user. */
    public boolean matches(String password, String hashOrNull) {
        if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            encoder.matches("", dummyHash);
            return false;
        }
        boolean match = encoder.matches(password, hashOrNull != null ? hashOrNull : dummyHash);
        return match && hashOrNull != null;
    }

    void requireAcceptable(String password, String username) {
        if (password == null || password.codePointCount(0, password.length()) < minLength) {
            throw ApiException.invalidArgument("password must be at least " + minLength + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw ApiException.invalidArgument("password must be at most " + MAX_BYTES + " bytes (UTF-8)");
        }
        if (password.isBlank() || password.codePoints().distinct().count() < 3) {
            throw ApiException.invalidArgument("password is too simple: use at least 3 different characters");
        }
        if (username != null && password.toLowerCase().contains(username.toLowerCase())) {
            throw ApiException.invalidArgument("password must not contain the username");
        }
    }

    @ConfigurationProperties("ch.auth.passwords")
    record Properties(int bcryptStrength, int minLength) {}
}
