package home.connected.alert.notification;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import home.connected.contracts.alert.v1.Channel;
import home.connected.contracts.alert.v1.Rule;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** Writes rules, channels, series, events and notifications as the API and the evaluator would. */
final class AlertRows {

    private final JdbcTemplate jdbc;

    AlertRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    void rule(Rule rule, Instant now) {
        jdbc.update(
                "INSERT INTO alert_rule (id, name, enabled, definition, version, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, 1, ?, ?) ON DUPLICATE KEY UPDATE enabled = VALUES(enabled),"
                        + " definition = VALUES(definition), version = version + 1",
                rule.getId(),
                rule.getName(),
                rule.getEnabled(),
                json(rule.toBuilder().clearId().build()),
                utc(now),
                utc(now));
    }

    void channel(Channel channel, Instant now) {
        jdbc.update(
                "INSERT INTO alert_channel (id, name, kind, settings, created_at, updated_at)"
                        + " VALUES (?, ?, 'webhook', ?, ?, ?)",
                channel.getId(),
                channel.getName(),
                json(channel),
                utc(now),
                utc(now));
    }

    void series(String alertId, String ruleId, String state, long episode, Instant now) {
        jdbc.update(
                "INSERT INTO alert_series (alert_id, rule_id, device_id, sensor, quantity, location, unit, state,"
                        + " state_since, episode, notified_episode, repeats, reason, updated_at)"
                        + " VALUES (?, ?, 'freezer', 'probe', 'temperature', 'kitchen', '°C', ?, ?, ?, ?, 0,"
                        + " 'above -15 for 5m', ?)"
                        + " ON DUPLICATE KEY UPDATE state = VALUES(state), episode = VALUES(episode),"
                        + " state_since = VALUES(state_since)",
                alertId,
                ruleId,
                state,
                utc(now),
                episode,
                episode,
                utc(now));
    }

    long event(String alertId, Rule rule, long episode, String transition, String severity, Instant at) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(
                connection -> {
                    PreparedStatement statement = connection.prepareStatement(
                            "INSERT INTO alert_event (alert_id, rule_id, rule_name, episode, transition, severity,"
                                    + " device_id, sensor, quantity, location, unit, value, threshold, reason, since,"
                                    + " at, title, body) VALUES (?, ?, ?, ?, ?, ?, 'freezer', 'probe', 'temperature',"
                                    + " 'kitchen', '°C', -12.5, '-15', 'above -15 for 5m', ?, ?, 'title', 'body')",
                            Statement.RETURN_GENERATED_KEYS);
                    statement.setString(1, alertId);
                    statement.setString(2, rule.getId());
                    statement.setString(3, rule.getName());
                    statement.setLong(4, episode);
                    statement.setString(5, transition);
                    statement.setString(6, severity);
                    statement.setObject(7, utc(at));
                    statement.setObject(8, utc(at));
                    return statement;
                },
                key);
        return key.getKey().longValue();
    }

    /** A notification as the evaluator writes it: pending, due now. */
    long notification(long eventId, String target, String kind, Instant now) {
        return notification(eventId, target, kind, "pending", 0, now, now);
    }

    long notification(
            long eventId, String target, String kind, String status, int attempts, Instant createdAt, Instant due) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(
                connection -> {
                    PreparedStatement statement = connection.prepareStatement(
                            "INSERT INTO alert_notification (event_id, target, channel_kind, status, attempts,"
                                    + " next_attempt_at, response_code, last_error, created_at)"
                                    + " VALUES (?, ?, ?, ?, ?, ?, 0, '', ?)",
                            Statement.RETURN_GENERATED_KEYS);
                    statement.setLong(1, eventId);
                    statement.setString(2, target);
                    statement.setString(3, kind);
                    statement.setString(4, status);
                    statement.setInt(5, attempts);
                    statement.setObject(6, utc(due));
                    statement.setObject(7, utc(createdAt));
                    return statement;
                },
                key);
        return key.getKey().longValue();
    }

    void seriesState(String alertId, String state) {
        jdbc.update("UPDATE alert_series SET state = ? WHERE alert_id = ?", state, alertId);
    }

    Map<String, Object> notificationRow(long id) {
        return jdbc.queryForMap("SELECT * FROM alert_notification WHERE id = ?", id);
    }

    String status(long id) {
        return jdbc.queryForObject("SELECT status FROM alert_notification WHERE id = ?", String.class, id);
    }

    Instant nextAttemptAt(long id) {
        return jdbc.queryForObject(
                        "SELECT next_attempt_at FROM alert_notification WHERE id = ?", LocalDateTime.class, id)
                .toInstant(ZoneOffset.UTC);
    }

    List<Map<String, Object>> attempts(long notificationId) {
        return jdbc.queryForList(
                "SELECT * FROM alert_delivery_attempt WHERE notification_id = ? ORDER BY id", notificationId);
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String json(com.google.protobuf.MessageOrBuilder message) {
        try {
            return JsonFormat.printer().print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
