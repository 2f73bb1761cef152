package home.connected.gateway.access;

import home.connected.access.AccessDecision;
import home.connected.gateway.GatewayProperties;
import home.connected.tokens.JwksKeySource;
import home.connected.tokens.TokenVerifier;
import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Access tokens are verified exactly as the backends verify them: one TokenVerifier, one AccessDecision. */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

    @Bean
    AccessDecision accessDecision(GatewayProperties properties) {
        GatewayProperties.Tokens tokens = properties.tokens();
        JwksKeySource keys =
                new JwksKeySource(URI.create(tokens.jwksUrl()), tokens.jwksMaxAge(), tokens.jwksMinRefetchInterval());
        return new AccessDecision(new TokenVerifier(keys, tokens.issuer(), tokens.audience(), tokens.clockSkew()));
    }
}
