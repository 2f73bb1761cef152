package home.connected.gateway.access;

import home.connected.access.AccessDecision;
import home.connected.gateway.GatewayProperties;
import home.connected.tokens.TokenVerifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Access tokens are verified exactly as the backends verify them: one TokenVerifier, one AccessDecision. */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

    @Bean
    AccessDecision accessDecision(GatewayProperties properties) {
        return new AccessDecision(TokenVerifier.usingJwks(properties.tokens()));
    }
}
