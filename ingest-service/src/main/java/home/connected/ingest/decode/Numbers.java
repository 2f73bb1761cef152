package home.connected.ingest.decode;

/**
 * Strict number text: {@code -?digits[.digits][e[+-]digits]}. Java's own parser also takes hex
 * floats, {@code d}/{@code f} suffixes and padding, which no sensor sends on purpose.
 */
final class Numbers {

    private Numbers() {}

    /**
     * Parses a bare value as devices send it ({@code 21.5}, {@code nan}, {@code inf}); NaN and the
     * infinities come back as such so the validator refuses them as NOT_FINITE.
     *
     * @throws Refusal UNSUPPORTED_VALUE when the text is not a number
     */
    static double parseBare(String text) {
        String trimmed = text.strip();
        if (isDecimal(trimmed, 0, trimmed.length())) {
            return Double.parseDouble(trimmed);
        }
        double special = nonFinite(trimmed);
        if (!Double.isNaN(special) || trimmed.equalsIgnoreCase("nan")) {
            return special;
        }
        throw new Refusal(RejectReason.UNSUPPORTED_VALUE, "not a number " + Details.quote(text));
    }

    /** The value of {@code nan}, {@code inf}, {@code -infinity}... in any case; NaN otherwise. */
    static double nonFinite(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return switch (lower) {
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.NaN;
        };
    }

    static boolean isDecimal(CharSequence text, int from, int to) {
        int i = from;
        if (i < to && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            i++;
        }
        int digits = 0;
        while (i < to && isDigit(text.charAt(i))) {
            i++;
            digits++;
        }
        if (i < to && text.charAt(i) == '.') {
            i++;
            while (i < to && isDigit(text.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < to && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < to && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < to && isDigit(text.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == to;
    }

    static boolean isInteger(CharSequence text, int from, int to) {
        int i = from;
        if (i < to && text.charAt(i) == '-') {
            i++;
        }
        if (i == to) {
            return false;
        }
        for (; i < to; i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
