package home.connected.alert.notification;

import home.connected.alert.SqlTime;
import home.connected.alert.delivery.DeliveryOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dispatcher's reads and writes of alert_notification and alert_delivery_attempt (and what it
 * reads of alert_event and alert_series). Times are stored as UTC.
 */
@Component
class NotificationLog {

    static final int MAX_ERROR_LENGTH = 500;

    /** Statuses a notification may still leave; sent, failed and dropped are final. */
    private static final String OPEN = "status IN ('pending', 'retrying', 'held', 'sending')";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    NotificationLog(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Rows waiting to be sent (a row still in sending was cut off by a crash), oldest first. */
    List<DueNotification> due(Instant now, int limit) {
        return jdbc.query(
                "SELECT n.id, n.event_id, e.alert_id, n.target, n.channel_kind, n.status, n.attempts, n.created_at"
                        + " FROM alert_notification n JOIN alert_event e ON e.id = n.event_id"
                        + " WHERE n." + OPEN + " AND n.next_attempt_at <= ?"
                        + " ORDER BY n.next_attempt_at, n.id LIMIT ?",
                (rs, row) -> new DueNotification(
                        rs.getLong("id"),
                        rs.getLong("event_id"),
                        rs.getString("alert_id"),
                        rs.getString("target"),
                        rs.getString("channel_kind"),
                        rs.getString("status"),
                        rs.getInt("attempts"),
                        SqlTime.read(rs, "created_at")),
                SqlTime.of(now),
                limit);
    }

    Optional<AlertEventRow> event(long eventId) {
        return jdbc
                .query(
                        "SELECT * FROM alert_event WHERE id = ?",
                        (rs, row) -> new AlertEventRow(
                                rs.getLong("id"),
                                rs.getString("alert_id"),
                                rs.getString("rule_id"),
                                rs.getString("rule_name"),
                                rs.getLong("episode"),
                                rs.getString("transition"),
                                rs.getString("severity"),
                                rs.getString("device_id"),
                                rs.getString("sensor"),
                                rs.getString("quantity"),
                                rs.getString("location"),
                                rs.getString("unit"),
                                rs.getObject("value", Double.class),
                                rs.getString("threshold"),
                                rs.getString("reason"),
                                SqlTime.read(rs, "since"),
                                SqlTime.read(rs, "at")),
                        eventId)
                .stream()
                .findFirst();
    }

    /** Whether the series still fires in that episode. */
    boolean seriesFires(String alertId, long episode) {
        Integer count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM alert_series WHERE alert_id = ? AND episode = ? AND state = 'firing'",
                Integer.class,
                alertId,
                episode);
        return count != null && count > 0;
    }

    /** Whether the firing notification of that episode to that target was dropped. */
    boolean firingDropped(String alertId, long episode, String target) {
        Integer count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM alert_notification n JOIN alert_event e ON e.id = n.event_id"
                        + " WHERE e.alert_id = ? AND e.episode = ? AND e.transition = 'firing'"
                        + " AND n.target = ? AND n.status = 'dropped'",
                Integer.class,
                alertId,
                episode,
                target);
        return count != null && count > 0;
    }

    /** Committed on its own, before the send: a crash during the send leaves the row in sending. */
    boolean markSending(long id, String expectedStatus, Instant now) {
        return jdbc.update(
                        "UPDATE alert_notification SET status = 'sending', attempts = attempts + 1,"
                                + " last_attempt_at = ? WHERE id = ? AND status = ?",
                        SqlTime.of(now),
                        id,
                        expectedStatus)
                == 1;
    }

    /** Not sent yet, looked at again then (quiet hours, rate limit). */
    void postpone(long id, String status, Instant until) {
        jdbc.update(
                "UPDATE alert_notification SET status = ?, next_attempt_at = ? WHERE id = ? AND " + OPEN,
                status,
                SqlTime.of(until),
                id);
    }

    /** Final without an attempt: failed (nothing to send with) or dropped (no longer wanted). */
    void close(long id, String status, String reason) {
        jdbc.update(
                "UPDATE alert_notification SET status = ?, last_error = ? WHERE id = ? AND " + OPEN,
                status,
                truncate(reason),
                id);
    }

    /**
     * Records one attempt and the notification's new state together.
     *
     * @param finishedAt when the attempt ended (sent_at when delivered)
     * @param nextAttemptAt when to try again (status retrying); null otherwise
     */
    void recordAttempt(
            long id,
            Instant attemptAt,
            Instant finishedAt,
            DeliveryOutcome outcome,
            long tookMillis,
            String status,
            Instant nextAttemptAt) {
        String error = truncate(outcome.error() == null ? "" : outcome.error());
        transactions.executeWithoutResult(tx -> {
            jdbc.update(
                    "INSERT INTO alert_delivery_attempt (notification_id, at, delivered, response_code, error, took_ms)"
                            + " VALUES (?, ?, ?, ?, ?, ?)",
                    id,
                    SqlTime.of(attemptAt),
                    outcome.delivered(),
                    outcome.responseCode(),
                    error,
                    (int) Math.min(Integer.MAX_VALUE, Math.max(0, tookMillis)));
            if (outcome.delivered()) {
                jdbc.update(
                        "UPDATE alert_notification SET status = 'sent', sent_at = ?, response_code = ?, last_error = ''"
                                + " WHERE id = ?",
                        SqlTime.of(finishedAt),
                        outcome.responseCode(),
                        id);
            } else if (nextAttemptAt != null) {
                jdbc.update(
                        "UPDATE alert_notification SET status = ?, next_attempt_at = ?, response_code = ?,"
                                + " last_error = ? WHERE id = ?",
                        status,
                        SqlTime.of(nextAttemptAt),
                        outcome.responseCode(),
                        error,
                        id);
            } else {
                jdbc.update(
                        "UPDATE alert_notification SET status = ?, response_code = ?, last_error = ? WHERE id = ?",
                        status,
                        outcome.responseCode(),
                        error,
                        id);
            }
        });
    }

    /** Attempts made since then, oldest first: the rate limiter's memory across a handover. */
    List<Send> attemptsSince(Instant since) {
        return jdbc.query(
                "SELECT n.target, a.at FROM alert_delivery_attempt a JOIN alert_notification n ON n.id = a.notification_id"
                        + " WHERE a.at > ? AND n.target NOT LIKE 'action-%' ORDER BY a.at",
                (rs, row) -> new Send(rs.getString("target"), SqlTime.read(rs, "at")), SqlTime.of(since));
    }

    record Send(String target, Instant at) {}

    static String truncate(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }
}
