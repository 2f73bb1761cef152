package home.connected.tokens;

/**
 * The token is not acceptable. The message says why in words safe to log; callers answer the
 * client with a generic "not authenticated" and never echo token contents.
 */
public class TokenRejectedException extends Exception {

    public TokenRejectedException(String message) {
        super(message);
    }

    public TokenRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
