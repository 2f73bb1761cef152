package home.connected.ingest.decode;

/**
 * The one rule for names stored as InfluxDB tags (device, sensor, quantity, location): 1 to 64
 * characters of {@code [A-Za-z0-9_.:-]}. Anything else (quotes, spaces, commas, {@code =},
 * backslashes, newlines) is refused rather than escaped, so no name can ever change the meaning of
 * a line-protocol write or of a query built from it.
 */
final class Names {

    static final int MAX_LENGTH = 64;
    private static final boolean[] SAFE = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            SAFE[c] = true;
            SAFE[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            SAFE[c] = true;
        }
        for (char c : "_.:-".toCharArray()) {
            SAFE[c] = true;
        }
    }

    private Names() {}

    static boolean isSafe(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 128 || !SAFE[c]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Turns a third-party name into a device id deterministically: {@code /} becomes {@code -},
     * a space becomes {@code _}. Other unsafe characters stay, so the validator still refuses them.
     */
    static String sanitize(String name) {
        return name.replace('/', '-').replace(' ', '_');
    }
}
