package home.connected.auth.grpc;

import home.connected.access.AccessDecision;
import home.connected.access.TokenCheckingInterceptor;
import home.connected.tokens.TokenVerifier;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.server.GlobalServerInterceptor;

/**
 * Every call passes two interceptors: the client address is recorded first, then the shared
 * {@link TokenCheckingInterceptor} checks the caller's token against the RPC's access option in
 * the contracts (the same decision the gateway makes), verifying it against this service's own
 * published keys.
 */
@Configuration(proxyBeanMethods = false)
class AccessControl {

    @Bean
    @GlobalServerInterceptor
    @Order(0)
    ServerInterceptor clientAddressInterceptor(ClientAddresses addresses) {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                Context context = Context.current().withValue(Caller.ADDRESS, addresses.of(call, headers));
                return Contexts.interceptCall(context, call, headers, next);
            }
        };
    }

    @Bean
    @GlobalServerInterceptor
    @Order(1)
    ServerInterceptor tokenCheckingInterceptor(TokenVerifier verifier) {
        return new TokenCheckingInterceptor(new AccessDecision(verifier));
    }
}
