package home.connected.auth.grpc;

import home.connected.access.ApiException;
import java.util.regex.Pattern;

/** Checks of the names and texts that arrive in requests; each failure says what is allowed. */
public final class Validation {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,31}");
    private static final Pattern GROUP_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{1,31}");
    private static final Pattern DEVICE_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /** What ingest-service stores as a device id, third-party devices' included. */
    private static final Pattern ANY_DEVICE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 200;

    private Validation() {}

    public static String username(String value) {
        if (value == null || !USERNAME.matcher(value).matches()) {
            throw ApiException.invalidArgument("username must be 3 to 32 characters: lowercase letters, digits,"
                    + " '.', '_' or '-', starting with a letter or digit");
        }
        return value;
    }

    public static String groupName(String field, String value) {
        if (value == null || !GROUP_NAME.matcher(value).matches()) {
            throw ApiException.invalidArgument(field + " must be 2 to 32 characters: lowercase letters, digits,"
                    + " '_' or '-', starting with a letter or digit");
        }
        return value;
    }

    public static String deviceId(String value) {
        if (value == null || !DEVICE_ID.matcher(value).matches()) {
            throw ApiException.invalidArgument("device_id must be 1 to 64 characters: lowercase letters, digits,"
                    + " '_' or '-', starting with a letter or digit");
        }
        return value;
    }

    /** The id of any device readings may come from, provisioned or not (ingest-service's rule for names). */
    public static String anyDeviceId(String value) {
        if (value == null || !ANY_DEVICE_ID.matcher(value).matches()) {
            throw ApiException.invalidArgument(
                    "device_id must be 1 to 64 characters: letters, digits, '_', '.', ':' or '-'");
        }
        return value;
    }

    /** Free text such as a display name: at most {@code max} characters, no control characters. */
    public static String text(String field, String value, int max) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.codePointCount(0, stripped.length()) > max) {
            throw ApiException.invalidArgument(field + " must be at most " + max + " characters");
        }
        if (stripped.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiException.invalidArgument(field + " must not contain control characters");
        }
        return stripped;
    }

    public static int pageSize(int requested) {
        if (requested < 0 || requested > MAX_PAGE_SIZE) {
            throw ApiException.invalidArgument("page_size must be between 0 and " + MAX_PAGE_SIZE);
        }
        return requested == 0 ? DEFAULT_PAGE_SIZE : requested;
    }

    /** Page tokens are the id to continue after; empty means the first page. */
    public static long pageAfter(String token, long first) {
        if (token == null || token.isEmpty()) {
            return first;
        }
        try {
            long after = Long.parseLong(token);
            if (after < 0) {
                throw new NumberFormatException();
            }
            return after;
        } catch (NumberFormatException e) {
            throw ApiException.invalidArgument("page_token is not valid; use the next_page_token of the last answer");
        }
    }
}
