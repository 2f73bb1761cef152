package home.connected.alert.grpc;

import home.connected.access.AccessDecision;
import home.connected.access.TokenCheckingInterceptor;
import home.connected.alert.AlertProperties;
import home.connected.tokens.TokenVerifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.GlobalServerInterceptor;

/**
 * Every call is checked against the access rule its RPC declares in the contracts, with the
 * caller's token verified again here against auth-service's published keys.
 */
@Configuration(proxyBeanMethods = false)
class AccessControlConfiguration {

    @Bean
    TokenVerifier tokenVerifier(AlertProperties properties) {
        return TokenVerifier.usingJwks(properties.tokens());
    }

    @Bean
    @GlobalServerInterceptor
    TokenCheckingInterceptor tokenCheckingInterceptor(TokenVerifier verifier) {
        return new TokenCheckingInterceptor(new AccessDecision(verifier));
    }
}
