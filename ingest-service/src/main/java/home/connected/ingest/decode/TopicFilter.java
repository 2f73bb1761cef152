package home.connected.ingest.decode;

/** An MQTT topic filter, matched level by level without regular expressions. */
final class TopicFilter {

    private final String filter;
    private final String[] levels;

    TopicFilter(String filter) {
        if (filter == null || filter.isEmpty()) {
            throw new IllegalArgumentException("empty topic filter");
        }
        this.filter = filter;
        this.levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            boolean wildcard = level.contains("+") || level.contains("#");
            boolean valid = !wildcard || level.equals("+") || (level.equals("#") && i == levels.length - 1);
            if (!valid) {
                throw new IllegalArgumentException("invalid topic filter: " + filter);
            }
        }
    }

    boolean matches(String topic) {
        int start = 0;
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            boolean systemTopic = i == 0 && topic.startsWith("$");
            if (level.equals("#")) {
                return !systemTopic;
            }
            if (start > topic.length()) {
                return false;
            }
            int end = topic.indexOf('/', start);
            if (end < 0) {
                end = topic.length();
            }
            if (level.equals("+")) {
                if (systemTopic) {
                    return false;
                }
            } else if (end - start != level.length() || !topic.startsWith(level, start)) {
                return false;
            }
            start = end + 1;
        }
        return start == topic.length() + 1;
    }

    @Override
    public String toString() {
        return filter;
    }
}
