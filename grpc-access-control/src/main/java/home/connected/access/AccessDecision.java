package home.connected.access;

import home.connected.access.AccessRules.Rule;
import home.connected.tokens.TokenRejectedException;
import home.connected.tokens.TokenVerifier;
import home.connected.tokens.VerifiedToken;
import io.grpc.Status;
import java.util.Optional;

/**
 * Decides one call from its rule and the {@code Authorization} value the caller sent. The gateway
 * (for REST and gRPC) and every backend decide the same way, with the same messages.
 */
public final class AccessDecision {

    private static final String BEARER = "Bearer ";

    private final TokenVerifier verifier;

    public AccessDecision(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    /**
     * @param authorization the header or metadata value, may be null
     * @return the verified caller (empty for a public call without a token)
     * @throws AccessRefused with an UNAUTHENTICATED or PERMISSION_DENIED status
     */
    public Optional<VerifiedToken> decide(Optional<Rule> rule, String authorization) throws AccessRefused {
        if (rule.isEmpty()) {
            throw new AccessRefused(Status.PERMISSION_DENIED.withDescription("this call is not available"));
        }
        if (rule.get().isPublic() && authorization == null) {
            return Optional.empty();
        }
        String bearer = bearerToken(authorization);
        if (bearer == null) {
            throw new AccessRefused(Status.UNAUTHENTICATED.withDescription(
                    "sign in first: this call needs an access token (Authorization: Bearer <token>)"));
        }
        VerifiedToken token;
        try {
            token = verifier.verify(bearer);
        } catch (TokenRejectedException e) {
            if (rule.get().isPublic()) {
                return Optional.empty();
            }
            throw new AccessRefused(Status.UNAUTHENTICATED.withDescription(
                    "the access token is not valid or has expired; refresh it or sign in again"));
        }
        if (rule.get().permission() != null && !token.hasPermission(rule.get().permission())) {
            throw new AccessRefused(Status.PERMISSION_DENIED.withDescription(
                    "this needs the permission " + rule.get().permission().value() + "; ask an admin"));
        }
        return Optional.of(token);
    }

    /**
     * Whether {@link #decide} answers at once for this header value: without a token, with one
     * that is not a bearer token, or with one verified before and not yet expired. Only otherwise
     * can deciding wait for a signature check or a key fetch.
     */
    public boolean decidesAtOnce(String authorization) {
        String bearer = bearerToken(authorization);
        return bearer == null || verifier.remembers(bearer);
    }

    /** The token of a {@code Bearer} header value; null for none or another scheme. */
    private static String bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).trim();
    }

    /** A refused call and the status to answer with. */
    public static final class AccessRefused extends Exception {

        private final transient Status status;

        AccessRefused(Status status) {
            super(status.getDescription(), null, false, false);
            this.status = status;
        }

        public Status status() {
            return status;
        }
    }
}
