package home.connected.ingest.decode;

/** Picks levels out of a topic the route already matched. */
final class Topics {

    private Topics() {}

    /** The level {@code fromEnd} places before the last one (0 is the last level). */
    static String levelFromEnd(String topic, int fromEnd) {
        int end = topic.length();
        for (int i = 0; i < fromEnd; i++) {
            end = topic.lastIndexOf('/', end - 1);
            if (end < 0) {
                throw new Refusal(RejectReason.MALFORMED, "topic has too few levels");
            }
        }
        return topic.substring(topic.lastIndexOf('/', end - 1) + 1, end);
    }

    /** Everything after the first level, e.g. the friendly name in {@code zigbee2mqtt/bedroom/climate}. */
    static String afterFirstLevel(String topic) {
        int slash = topic.indexOf('/');
        return slash < 0 ? "" : topic.substring(slash + 1);
    }

    /** The levels between the first and the last, e.g. the device in {@code tele/attic_th16/SENSOR}. */
    static String betweenFirstAndLast(String topic) {
        int first = topic.indexOf('/');
        int last = topic.lastIndexOf('/');
        return first < 0 || last <= first ? "" : topic.substring(first + 1, last);
    }
}
