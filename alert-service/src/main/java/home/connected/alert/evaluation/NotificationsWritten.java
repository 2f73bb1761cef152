package home.connected.alert.evaluation;

/** Told right after new rows reached the send log, so they leave at once rather than at the next poll. */
public interface NotificationsWritten {

    void notificationsWritten();
}
