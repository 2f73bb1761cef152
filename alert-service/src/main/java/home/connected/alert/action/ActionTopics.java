package home.connected.alert.action;

import home.connected.contracts.Topics;
import java.util.List;

/**
 * Which topics a rule's MQTT action may publish to: a concrete topic inside one of the allowed
 * filters, and never one of ours (other than connected-home/v1/actions/), a {@code $} topic or a
 * topic ingest reads readings from — an action must not be able to forge a reading, a device's
 * status or a broker command.
 */
final class ActionTopics {

    static final String OURS = Topics.ROOT + "/#";
    static final String ACTIONS = Topics.ROOT + "/actions/#";

    private final List<String> allowed;
    private final List<String> forbidden;

    ActionTopics(List<String> allowed, List<String> readingsTopics) {
        this.forbidden = readingsTopics;
        for (String filter : allowed) {
            // Readings topics are checked per action topic: a filter such as cmnd/# overlaps
            // +/sensor/+/state in theory, and refusing that would leave nothing to allow.
            if (filter.startsWith("$")
                    || filter.startsWith("#")
                    || (intersect(OURS, filter) && !within(filter, ACTIONS))) {
                throw new IllegalStateException("ch.alert.actions.allowed-topics: " + filter
                        + " overlaps our own or the broker's topics; allow only command topics such as cmnd/#");
            }
        }
        this.allowed = List.copyOf(allowed);
    }

    List<String> allowed() {
        return allowed;
    }

    /** Null when the topic may be used, otherwise why not. */
    String problem(String topic) {
        if (topic.isEmpty()) {
            return "is required";
        }
        if (topic.length() > 256) {
            return "must be at most 256 characters";
        }
        if (topic.contains("+") || topic.contains("#") || topic.indexOf('\0') >= 0) {
            return "must be one topic, without the wildcards + and # (and no NUL character)";
        }
        if (topic.startsWith("$")
                || forbidden.stream().anyMatch(filter -> matches(filter, topic))
                || (matches(OURS, topic) && !matches(ACTIONS, topic))) {
            return topic + " is a readings, status or broker topic; actions may not publish there";
        }
        if (allowed.stream().noneMatch(filter -> matches(filter, topic))) {
            return topic + " is not an allowed action topic (allowed: " + String.join(", ", allowed) + ")";
        }
        return null;
    }

    /** MQTT matching of one topic against one filter. */
    static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length || (!f[i].equals("+") && !f[i].equals(t[i]))) {
                return false;
            }
        }
        return f.length == t.length;
    }

    /** Whether some topic matches both filters. */
    static boolean intersect(String a, String b) {
        String[] x = a.split("/", -1);
        String[] y = b.split("/", -1);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            if ((i < x.length && x[i].equals("#")) || (i < y.length && y[i].equals("#"))) {
                return true;
            }
            if (i >= x.length || i >= y.length) {
                return false;
            }
            if (!x[i].equals("+") && !y[i].equals("+") && !x[i].equals(y[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether every topic {@code inner} matches is also matched by {@code outer}. */
    private static boolean within(String inner, String outer) {
        String prefix = outer.substring(0, outer.length() - 1);
        return outer.endsWith("/#")
                && inner.startsWith(prefix)
                && !inner.substring(0, prefix.length()).contains("+");
    }
}
