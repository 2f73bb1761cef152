package home.connected.auth.api;

import home.connected.tokens.TokenRejectedException;
import home.connected.tokens.TokenVerifier;
import home.connected.tokens.VerifiedToken;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.stereotype.Component;

/**
 * Verifies the caller's access token ({@code authorization: Bearer <jwt>}) with the shared
 * verifier, checks it against {@link MethodAccess} and puts it, with the client address, into the
 * gRPC context for the RPC.
 */
@Component
@GlobalServerInterceptor
class AccessControlInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";
    private static final Logger log = LoggerFactory.getLogger(AccessControlInterceptor.class);

    private final TokenVerifier verifier;
    private final ClientAddresses clientAddresses;

    AccessControlInterceptor(TokenVerifier verifier, ClientAddresses clientAddresses) {
        this.verifier = verifier;
        this.clientAddresses = clientAddresses;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        MethodDescriptor<Q, R> method = call.getMethodDescriptor();
        Context context = Context.current().withValue(Caller.ADDRESS, clientAddresses.of(call, headers));
        MethodAccess access = MethodAccess.of(method.getServiceName(), method.getFullMethodName());
        switch (access.kind()) {
            case PUBLIC:
                return Contexts.interceptCall(context, call, headers, next);
            case REFUSED:
                return refuse(call, Status.PERMISSION_DENIED.withDescription("this call is not available"));
            default:
                break;
        }
        String authorization = headers.get(AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return refuse(
                    call,
                    Status.UNAUTHENTICATED.withDescription(
                            "sign in first: this call needs an access token (authorization: Bearer <token>)"));
        }
        VerifiedToken token;
        try {
            token = verifier.verify(authorization.substring(BEARER.length()));
        } catch (TokenRejectedException e) {
            log.debug("refused a token for {}: {}", method.getFullMethodName(), e.getMessage());
            return refuse(
                    call,
                    Status.UNAUTHENTICATED.withDescription(
                            "the access token is not valid or has expired; refresh it or sign in again"));
        }
        if (access.kind() == MethodAccess.Kind.NEEDS_PERMISSION && !token.hasPermission(access.permission())) {
            return refuse(
                    call,
                    Status.PERMISSION_DENIED.withDescription(
                            "this needs the permission " + access.permission().value() + "; ask an admin"));
        }
        return Contexts.interceptCall(context.withValue(Caller.TOKEN, token), call, headers, next);
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {};
    }
}
