package home.connected.auth.grpc;

import home.connected.access.ApiException;
import home.connected.access.TokenCheckingInterceptor;
import home.connected.tokens.VerifiedToken;
import io.grpc.Context;

/** Who is calling the current RPC, as the interceptors of {@link AccessControl} established it. */
public final class Caller {

    static final Context.Key<String> ADDRESS = Context.key("ch-client-address");

    private Caller() {}

    /** The verified token; every RPC that is not public has one. */
    public static VerifiedToken token() {
        VerifiedToken token = TokenCheckingInterceptor.CALLER.get();
        if (token == null) {
            throw ApiException.unauthenticated("sign in first: this call needs an access token");
        }
        return token;
    }

    public static String username() {
        return token().subject();
    }

    /** The username when signed in, otherwise {@code fallback} (for the audit log of public RPCs). */
    public static String usernameOr(String fallback) {
        VerifiedToken token = TokenCheckingInterceptor.CALLER.get();
        return token != null ? token.subject() : fallback;
    }

    /** The client's address as far as it can be trusted; "unknown" outside an RPC. */
    public static String address() {
        String address = ADDRESS.get();
        return address != null ? address : "unknown";
    }
}
