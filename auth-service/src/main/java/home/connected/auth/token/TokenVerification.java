package home.connected.auth.token;

import home.connected.tokens.TokenVerifier;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** auth-service verifies incoming tokens with the shared verifier, against its own published keys. */
@Configuration(proxyBeanMethods = false)
class TokenVerification {

    @Bean
    TokenVerifier tokenVerifier(SigningKeys keys, TokenProperties properties, Clock clock) {
        return new TokenVerifier(keys::find, properties.issuer(), properties.audience(), properties.clockSkew(), clock);
    }
}
