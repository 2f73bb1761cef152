package home.connected.alert.evaluation;

import home.connected.alert.AlertProperties;
import home.connected.alert.SqlTime;
import home.connected.alert.delivery.Notice;
import home.connected.alert.delivery.Transition;
import home.connected.alert.template.Escaping;
import home.connected.alert.template.MessageTemplates;
import home.connected.contracts.alert.v1.MqttAction;
import home.connected.contracts.alert.v1.Rule;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes what the evaluator decided in one transaction: an alert_event per outcome and its rows in
 * the send log (alert_notification). The series rows follow on the {@link SeriesWriter}'s thread. Every insert is keyed — (alert,
 * episode, transition) for events, (event, target) for notifications — and ignores a row that is
 * already there, so writing the same outcome twice (a replayed catch-up, a second leader for a
 * moment) never makes a second notification.
 */
@Component
class EventWriter {

    static final String ACTION_TARGET = "action-";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final String dashboardUrl;

    EventWriter(
            JdbcTemplate jdbc, TransactionTemplate transaction, SeriesRepository series, AlertProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.dashboardUrl = properties.dashboardUrl();
    }

    /** @return whether any notification row was written (the dispatcher then has work) */
    boolean write(List<Outcome> outcomes, Instant now) {
        if (outcomes.isEmpty()) {
            return false;
        }
        return Boolean.TRUE.equals(transaction.execute(status -> {
            boolean notified = false;
            for (Outcome outcome : outcomes) {
                notified |= write(outcome, now);
            }
            return notified;
        }));
    }

    private boolean write(Outcome outcome, Instant now) {
        SeriesState s = outcome.series();
        Rule rule = outcome.rule().rule;
        Notice notice = notice(outcome);
        jdbc.update(
                """
                INSERT IGNORE INTO alert_event (alert_id, rule_id, rule_name, episode, transition, severity, device_id,
                    sensor, quantity, location, unit, value, threshold, reason, since, at, title, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                s.alertId,
                rule.getId(),
                rule.getName(),
                s.episode,
                outcome.transition(),
                notice.severityName(),
                s.device,
                s.sensor,
                s.quantity,
                s.location,
                s.unit,
                Double.isNaN(outcome.value()) ? null : outcome.value(),
                notice.threshold(),
                notice.reason(),
                SqlTime.of(outcome.since()),
                SqlTime.of(outcome.at()),
                MessageTemplates.render(
                        rule.getTemplate().getTitle(),
                        MessageTemplates.DEFAULT_TITLE,
                        notice.variables(),
                        Escaping.NONE),
                MessageTemplates.render(
                        rule.getTemplate().getBody(),
                        MessageTemplates.DEFAULT_BODY,
                        notice.variables(),
                        Escaping.NONE));
        Long eventId = jdbc.queryForObject(
                "SELECT id FROM alert_event WHERE alert_id = ? AND episode = ? AND transition = ?",
                Long.class,
                s.alertId,
                s.episode,
                outcome.transition());
        int written = 0;
        if (outcome.toChannels()) {
            for (String channelId : rule.getChannelIdsList()) {
                written += jdbc.update("""
                        INSERT IGNORE INTO alert_notification (event_id, target, channel_kind, status, attempts,
                            next_attempt_at, response_code, last_error, created_at)
                        SELECT ?, id, kind, 'pending', 0, ?, 0, '', ? FROM alert_channel WHERE id = ?
                        """, eventId, SqlTime.of(now), SqlTime.of(now), channelId);
            }
        }
        if (outcome.toActions()) {
            List<MqttAction> actions = rule.getActionsList();
            for (int i = 0; i < actions.size(); i++) {
                boolean resolved = outcome.transition().equals(Outcome.RESOLVED);
                if (resolved && actions.get(i).getResolvedPayload().isEmpty()) {
                    continue;
                }
                written += jdbc.update("""
                        INSERT IGNORE INTO alert_notification (event_id, target, channel_kind, status, attempts,
                            next_attempt_at, response_code, last_error, created_at)
                        VALUES (?, ?, 'mqtt', 'pending', 0, ?, 0, '', ?)
                        """, eventId, ACTION_TARGET + i, SqlTime.of(now), SqlTime.of(now));
            }
        }
        return written > 0;
    }

    private Notice notice(Outcome outcome) {
        SeriesState s = outcome.series();
        Rule rule = outcome.rule().rule;
        Transition transition = outcome.transition().equals(Outcome.RESOLVED)
                ? Transition.RESOLVED
                : outcome.transition().equals(Outcome.FIRING) ? Transition.FIRING : Transition.REPEAT;
        return new Notice(
                s.alertId,
                0,
                rule.getId(),
                rule.getName(),
                rule.getSeverity(),
                transition,
                s.episode,
                s.device,
                s.sensor,
                s.quantity,
                s.location,
                s.unit,
                outcome.value(),
                outcome.rule().condition.threshold(),
                transition == Transition.RESOLVED ? "back to normal" : s.reason,
                outcome.since(),
                outcome.at(),
                dashboardUrl + "/alerts/" + s.alertId,
                rule.getTemplate());
    }
}
