package home.connected.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One Spring {@code ${NAME:default}} placeholder. A CH_* one is what a deployment must supply as
 * an environment variable, unless its default stands in; other names refer to properties.
 */
record Placeholder(String expression, String name, String defaultValue) {

    static List<Placeholder> parseAll(String text) {
        List<Placeholder> found = new ArrayList<>();
        int start = text.indexOf("${");
        while (start >= 0) {
            int end = matchingBrace(text, start + 2);
            if (end < 0) {
                throw new IllegalArgumentException("unbalanced placeholder in: " + text);
            }
            found.add(parse(text.substring(start, end + 1)));
            start = text.indexOf("${", end + 1);
        }
        return found;
    }

    private static Placeholder parse(String expression) {
        String body = expression.substring(2, expression.length() - 1);
        int colon = body.indexOf(':');
        return colon < 0
                ? new Placeholder(expression, body, null)
                : new Placeholder(expression, body.substring(0, colon), body.substring(colon + 1));
    }

    private static int matchingBrace(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            if (text.startsWith("${", i)) {
                depth++;
                i++;
            } else if (text.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    boolean isEnvironmentVariable() {
        return name.startsWith("CH_");
    }

    /**
     * Whether the placeholder gets a usable value when the container has exactly these
     * variables. A default pointing at this machine (127.0.0.1, localhost) does not count: in a
     * container, that is the container itself, never the broker or database next to it.
     */
    boolean isSatisfiedBy(Set<String> environment) {
        if (!isEnvironmentVariable() || environment.contains(name)) {
            return true;
        }
        if (defaultValue == null || pointsAtThisMachine()) {
            return false;
        }
        return parseAll(defaultValue).stream().allMatch(inner -> inner.isSatisfiedBy(environment));
    }

    private boolean pointsAtThisMachine() {
        return defaultValue.contains("127.0.0.1") || defaultValue.contains("localhost");
    }
}
