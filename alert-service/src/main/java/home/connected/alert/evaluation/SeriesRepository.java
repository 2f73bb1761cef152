package home.connected.alert.evaluation;

import home.connected.alert.SqlTime;
import home.connected.alert.evaluation.SeriesState.Point;
import home.connected.alert.evaluation.SeriesState.State;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** alert_series (the evaluator's state), alert_series_control (people's acks and silences) and the watermark. */
@Component
class SeriesRepository {

    private static final String WATERMARK = "stored";

    private final JdbcTemplate jdbc;

    SeriesRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<SeriesState> loadAll() {
        return jdbc.query("SELECT * FROM alert_series", (row, i) -> series(row));
    }

    Map<String, Evaluator.Control> controls() {
        Map<String, Evaluator.Control> controls = new HashMap<>();
        jdbc.query("SELECT alert_id, acked_episode, silenced_until FROM alert_series_control", row -> {
            Instant silenced = SqlTime.read(row, "silenced_until");
            controls.put(
                    row.getString("alert_id"),
                    new Evaluator.Control(row.getLong("acked_episode"), silenced == null ? Instant.EPOCH : silenced));
        });
        return controls;
    }

    void save(Collection<SeriesState> states, Instant now) {
        if (states.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(states.size());
        for (SeriesState s : states) {
            rows.add(new Object[] {
                s.alertId,
                s.ruleId,
                s.device,
                s.sensor,
                s.quantity,
                s.location,
                s.unit,
                s.state.column(),
                timestamp(s.stateSince),
                s.episode,
                s.notifiedEpisode,
                timestamp(s.lastNotifiedAt),
                s.repeats,
                Double.isNaN(s.lastValue) ? null : s.lastValue,
                timestamp(s.lastReadingAt),
                timestamp(s.beyondSince),
                timestamp(s.backSince),
                truncate(s.reason, 200),
                recent(s),
                timestamp(now)
            });
        }
        // A series whose rule was deleted meanwhile has no parent row: the IGNORE skips it.
        jdbc.batchUpdate("""
                INSERT IGNORE INTO alert_series (alert_id, rule_id, device_id, sensor, quantity, location, unit, state,
                    state_since, episode, notified_episode, last_notified_at, repeats, last_value, last_reading_at,
                    beyond_since, back_since, reason, recent, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE location = VALUES(location), unit = VALUES(unit), state = VALUES(state),
                    state_since = VALUES(state_since), episode = VALUES(episode),
                    notified_episode = VALUES(notified_episode), last_notified_at = VALUES(last_notified_at),
                    repeats = VALUES(repeats), last_value = VALUES(last_value),
                    last_reading_at = VALUES(last_reading_at), beyond_since = VALUES(beyond_since),
                    back_since = VALUES(back_since), reason = VALUES(reason), recent = VALUES(recent),
                    updated_at = VALUES(updated_at)
                """, rows);
        states.forEach(s -> s.dirty = false);
    }

    Optional<Instant> watermark() {
        return jdbc
                .query("SELECT at FROM alert_watermark WHERE name = ?", (row, i) -> SqlTime.read(row, "at"), WATERMARK)
                .stream()
                .findFirst();
    }

    void watermark(Instant at) {
        jdbc.update(
                "INSERT INTO alert_watermark (name, at) VALUES (?, ?) ON DUPLICATE KEY UPDATE at = VALUES(at)",
                WATERMARK,
                timestamp(at));
    }

    private static SeriesState series(ResultSet row) throws SQLException {
        SeriesState s = new SeriesState(
                row.getString("alert_id"),
                row.getString("rule_id"),
                row.getString("device_id"),
                row.getString("sensor"),
                row.getString("quantity"),
                row.getString("location"),
                row.getString("unit"),
                SqlTime.read(row, "state_since"));
        s.state = State.ofColumn(row.getString("state"));
        s.episode = row.getLong("episode");
        s.notifiedEpisode = row.getLong("notified_episode");
        s.lastNotifiedAt = SqlTime.read(row, "last_notified_at");
        s.repeats = row.getInt("repeats");
        double value = row.getDouble("last_value");
        s.lastValue = row.wasNull() ? Double.NaN : value;
        s.lastReadingAt = SqlTime.read(row, "last_reading_at");
        s.beyondSince = SqlTime.read(row, "beyond_since");
        s.backSince = SqlTime.read(row, "back_since");
        s.reason = row.getString("reason");
        String recent = row.getString("recent");
        if (recent != null && !recent.isEmpty()) {
            for (String point : recent.split(";")) {
                int comma = point.indexOf(',');
                s.recent.addLast(new Point(
                        Instant.ofEpochMilli(Long.parseLong(point.substring(0, comma))),
                        Double.parseDouble(point.substring(comma + 1))));
            }
        }
        return s;
    }

    /** The rate-of-change window as "epochMillis,value;…" (at most the last 500 points). */
    private static String recent(SeriesState s) {
        if (s.recent.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int skip = Math.max(0, s.recent.size() - 500);
        for (Point point : s.recent) {
            if (skip-- > 0) {
                continue;
            }
            if (out.length() > 0) {
                out.append(';');
            }
            out.append(point.ts().toEpochMilli()).append(',').append(point.value());
        }
        return out.toString();
    }

    private static LocalDateTime timestamp(Instant instant) {
        return SqlTime.of(instant);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
