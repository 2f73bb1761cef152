package home.connected.query.influx;

import home.connected.query.grpc.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;

/**
 * Renders the parts of an InfluxQL statement that come from outside the code: names as quoted
 * identifiers, values as quoted string literals, times and durations from numbers only. Text with
 * control characters (a newline could start a second statement) is refused before it gets here.
 */
public final class InfluxQl {

    private InfluxQl() {}

    /** {@code "name"} with {@code \} and {@code "} escaped. */
    public static String identifier(String name) {
        return quote(name, '"');
    }

    /** {@code 'value'} with {@code \} and {@code '} escaped. */
    public static String literal(String value) {
        return quote(value, '\'');
    }

    /** {@code "tag" = 'value'}. */
    public static String equalsCondition(String tag, String value) {
        return identifier(tag) + " = " + literal(value);
    }

    /** A point in time as epoch nanoseconds, the form every InfluxQL version compares {@code time} with. */
    public static String time(Instant instant) {
        return Long.toString(
                Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano()));
    }

    /** A duration literal in whole milliseconds, e.g. {@code 300000ms}. */
    public static String duration(Duration duration) {
        return Long.toString(duration.toMillis()) + "ms";
    }

    /**
     * Refuses text a caller sent as a name or filter when it is too long or holds a control
     * character (newline, tab, NUL, ...).
     */
    public static void requireUsable(String what, String value, int maxLength) {
        if (value.length() > maxLength) {
            throw new InvalidArgumentException(what + " is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidArgumentException(
                        what + " contains a control character (such as a newline or tab); remove it");
            }
        }
    }

    private static String quote(String text, char quote) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException("control characters cannot be rendered into InfluxQL");
            }
            if (c == '\\' || c == quote) {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append(quote).toString();
    }
}
