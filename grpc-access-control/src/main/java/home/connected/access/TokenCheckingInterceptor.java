package home.connected.access;

import home.connected.access.AccessDecision.AccessRefused;
import home.connected.tokens.VerifiedToken;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.Optional;

/**
 * Checks every incoming call against {@link AccessRules} with the caller's token from the
 * {@code authorization} metadata, and makes the verified caller available as {@link #CALLER}.
 */
public final class TokenCheckingInterceptor implements ServerInterceptor {

    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    /** The verified caller of the current call; absent on a public call made without a token. */
    public static final Context.Key<VerifiedToken> CALLER = Context.key("connected-home-caller");

    private final AccessDecision decision;

    public TokenCheckingInterceptor(AccessDecision decision) {
        this.decision = decision;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Optional<VerifiedToken> caller;
        try {
            caller = decision.decide(
                    AccessRules.of(call.getMethodDescriptor().getFullMethodName()), headers.get(AUTHORIZATION));
        } catch (AccessRefused refused) {
            call.close(refused.status(), new Metadata());
            return new ServerCall.Listener<>() {};
        }
        Context context = Context.current();
        if (caller.isPresent()) {
            context = context.withValue(CALLER, caller.get());
        }
        return Contexts.interceptCall(context, call, headers, next);
    }
}
