package home.connected.alert.alerts;

import com.google.protobuf.util.Timestamps;
import home.connected.access.ApiException;
import home.connected.alert.SqlTime;
import home.connected.alert.rule.RuleStore;
import home.connected.contracts.alert.v1.Alert;
import home.connected.contracts.alert.v1.AlertState;
import home.connected.contracts.alert.v1.Rule;
import home.connected.contracts.alert.v1.SilenceRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The alert of each series: the evaluator's alert_series merged with what people decided about it
 * (alert_series_control: ack and silence, written here).
 */
@Component
public class Alerts {

    private static final String SELECT = "SELECT s.alert_id, s.rule_id, r.name AS rule_name, s.state, s.device_id,"
            + " s.sensor, s.quantity, s.location, s.unit, s.state_since, s.episode, s.last_value,"
            + " s.last_reading_at, s.reason, c.acked_episode, c.acked_by, c.acked_at, c.silenced_until"
            + " FROM alert_series s JOIN alert_rule r ON r.id = s.rule_id"
            + " LEFT JOIN alert_series_control c ON c.alert_id = s.alert_id";

    private final JdbcClient jdbc;
    private final RuleStore rules;
    private final Clock clock;

    Alerts(JdbcClient jdbc, RuleStore rules, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Pending and firing alerts (and ok ones on request), of one rule or all. */
    public List<Alert> list(String ruleId, boolean includeOk) {
        StringBuilder sql = new StringBuilder(SELECT)
                .append(
                        includeOk
                                ? " WHERE s.state IN ('ok', 'pending', 'firing')"
                                : " WHERE s.state IN ('pending', 'firing')");
        List<Object> params = new ArrayList<>();
        if (!ruleId.isEmpty()) {
            sql.append(" AND s.rule_id = ?");
            params.add(ruleId);
        }
        sql.append(" ORDER BY r.name, s.rule_id, s.device_id, s.sensor, s.quantity");
        Map<String, Rule> byId = new HashMap<>();
        return jdbc.sql(sql.toString()).params(params).query(Alerts::row).list().stream()
                .map(row -> row.alert(
                        byId.computeIfAbsent(row.ruleId(), id -> rules.find(id).orElse(null))))
                .toList();
    }

    public Alert get(String id) {
        return find(required(id)).orElseThrow(() -> notFound(id));
    }

    /** Records who acknowledged the current episode, and when; only while it fires. */
    @Transactional
    public Alert acknowledge(String id, String username) {
        Row row = lockedRow(required(id));
        if (!row.state().equals("firing")) {
            throw ApiException.failedPrecondition(
                    "only a firing alert can be acknowledged (this one is " + row.state() + ")");
        }
        if (row.ackedEpisode() != row.episode()) {
            LocalDateTime now = now();
            jdbc.sql("INSERT INTO alert_series_control (alert_id, rule_id, acked_episode, acked_by, acked_at,"
                            + " silenced_until, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?) ON DUPLICATE KEY UPDATE"
                            + " acked_episode = VALUES(acked_episode), acked_by = VALUES(acked_by), acked_at ="
                            + " VALUES(acked_at), updated_at = VALUES(updated_at)")
                    .params(row.alertId(), row.ruleId(), row.episode(), bounded(username), now, now)
                    .update();
        }
        return get(id);
    }

    /** Silences one series until a time; an unset or past time lifts the silence. */
    @Transactional
    public Alert silence(SilenceRequest request) {
        String id = required(request.getId());
        Instant until = until(request);
        Row row = lockedRow(id);
        LocalDateTime now = now();
        jdbc.sql("INSERT INTO alert_series_control (alert_id, rule_id, acked_episode, acked_by, acked_at,"
                        + " silenced_until, updated_at) VALUES (?, ?, 0, NULL, NULL, ?, ?) ON DUPLICATE KEY UPDATE"
                        + " silenced_until = VALUES(silenced_until), updated_at = VALUES(updated_at)")
                .params(row.alertId(), row.ruleId(), SqlTime.of(until), now)
                .update();
        return get(id);
    }

    private Optional<Alert> find(String id) {
        return jdbc.sql(SELECT + " WHERE s.alert_id = ?")
                .param(id)
                .query(Alerts::row)
                .optional()
                .map(row -> row.alert(rules.find(row.ruleId()).orElse(null)));
    }

    /** The series row, with its control row locked (or the place where it will be inserted). */
    private Row lockedRow(String id) {
        jdbc.sql("SELECT alert_id FROM alert_series_control WHERE alert_id = ? FOR UPDATE")
                .param(id)
                .query(String.class)
                .optional();
        return jdbc.sql(SELECT + " WHERE s.alert_id = ?")
                .param(id)
                .query(Alerts::row)
                .optional()
                .orElseThrow(() -> notFound(id));
    }

    private Instant until(SilenceRequest request) {
        if (!request.hasUntil()) {
            return null;
        }
        if (!Timestamps.isValid(request.getUntil())) {
            throw ApiException.invalidArgument("until is not a valid time");
        }
        Instant until = Instant.ofEpochSecond(
                        request.getUntil().getSeconds(), request.getUntil().getNanos())
                .truncatedTo(ChronoUnit.MICROS);
        return until.isAfter(clock.instant()) ? until : null;
    }

    private LocalDateTime now() {
        return SqlTime.of(clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    /** acked_by holds 64 characters. */
    private static String bounded(String username) {
        return username.length() > 64 ? username.substring(0, 64) : username;
    }

    private static String required(String id) {
        if (id.isEmpty()) {
            throw ApiException.invalidArgument("id is required");
        }
        return id;
    }

    private static ApiException notFound(String id) {
        String shown = id.length() > 64 || id.codePoints().anyMatch(Character::isISOControl) ? "with that id" : id;
        return ApiException.notFound("no alert " + shown);
    }

    private static Row row(ResultSet row, int number) throws SQLException {
        long acked = row.getLong("acked_episode");
        boolean neverAcked = row.wasNull();
        return new Row(
                row.getString("alert_id"),
                row.getString("rule_id"),
                row.getString("state"),
                row.getLong("episode"),
                neverAcked ? 0 : acked,
                Alert.newBuilder()
                        .setId(row.getString("alert_id"))
                        .setRuleId(row.getString("rule_id"))
                        .setRuleName(row.getString("rule_name"))
                        .setState(AlertRows.seriesState(row.getString("state")))
                        .setDeviceId(row.getString("device_id"))
                        .setSensor(row.getString("sensor"))
                        .setQuantity(row.getString("quantity"))
                        .setLocation(row.getString("location"))
                        .setUnit(row.getString("unit"))
                        .setSince(AlertRows.timestamp(row, "state_since"))
                        .setEpisode(row.getLong("episode"))
                        .setValue(AlertRows.value(row, "last_value"))
                        .setReason(row.getString("reason")),
                row.getString("acked_by"),
                AlertRows.timestamp(row, "acked_at"),
                AlertRows.timestamp(row, "silenced_until"),
                AlertRows.timestamp(row, "last_reading_at"));
    }

    private record Row(
            String alertId,
            String ruleId,
            String state,
            long episode,
            long ackedEpisode,
            Alert.Builder alert,
            String ackedBy,
            com.google.protobuf.Timestamp ackedAt,
            com.google.protobuf.Timestamp silencedUntil,
            com.google.protobuf.Timestamp lastReadingAt) {

        Alert alert(Rule rule) {
            Alert.Builder built = alert.clone();
            if (rule != null) {
                built.setSeverity(rule.getSeverity());
            }
            if (lastReadingAt != null) {
                built.setLastReadingAt(lastReadingAt);
            }
            // An ack belongs to one episode: it is shown while that episode fires.
            if (ackedEpisode > 0 && ackedEpisode == episode && built.getState() == AlertState.ALERT_STATE_FIRING) {
                if (ackedBy != null) {
                    built.setAcknowledgedBy(ackedBy);
                }
                if (ackedAt != null) {
                    built.setAcknowledgedAt(ackedAt);
                }
            }
            if (silencedUntil != null) {
                built.setSilencedUntil(silencedUntil);
            }
            return built.build();
        }
    }
}
