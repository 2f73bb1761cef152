package home.connected.alert.notification;

import java.time.Instant;

/** A row of alert_notification that is due to be looked at, with its event's alert (rule and series). */
record DueNotification(
        long id,
        long eventId,
        String alertId,
        String target,
        String channelKind,
        String status,
        int attempts,
        Instant createdAt) {

    static final String ACTION_PREFIX = "action-";

    boolean isAction() {
        return target.startsWith(ACTION_PREFIX);
    }

    /** The index in the rule's actions, or -1 when the target does not name one. */
    int actionIndex() {
        try {
            return Integer.parseInt(target.substring(ACTION_PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
