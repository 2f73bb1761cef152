package home.connected.alert.grpc;

import home.connected.access.ApiException;
import home.connected.access.TokenCheckingInterceptor;
import home.connected.tokens.Permission;
import home.connected.tokens.VerifiedToken;

/** Who is calling the current RPC, as the token-checking interceptor established it. */
public final class Caller {

    private Caller() {}

    /** The signed-in username; every RPC of alert-service needs a token. */
    public static String username() {
        VerifiedToken token = TokenCheckingInterceptor.CALLER.get();
        if (token == null) {
            throw ApiException.unauthenticated("sign in first: this call needs an access token");
        }
        return token.subject();
    }

    /**
     * Refuses a caller without {@code permission}: for an RPC that needs one more than the one its
     * access option names.
     */
    public static void require(Permission permission, String why) {
        VerifiedToken token = TokenCheckingInterceptor.CALLER.get();
        if (token == null) {
            throw ApiException.unauthenticated("sign in first: this call needs an access token");
        }
        if (!token.hasPermission(permission)) {
            throw ApiException.permissionDenied("this call needs the permission " + permission.value() + ": " + why);
        }
    }
}
