package home.connected.auth.token;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

@ConfigurationProperties("ch.auth.tokens")
public record TokenProperties(
        String issuer, String audience, Duration accessTokenTtl, Duration refreshTokenTtl, Duration clockSkew) {}
