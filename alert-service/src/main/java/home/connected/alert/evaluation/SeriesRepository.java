package home.connected.alert.evaluation;

import home.connected.alert.SqlTime;
import home.connected.alert.evaluation.SeriesState.Point;
import home.connected.alert.evaluation.SeriesState.State;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
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

    void save(Collection<SeriesRow> rows, Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        LocalDateTime updated = SqlTime.of(now);
        // Types given for every parameter: with nulls Spring would otherwise ask the driver for each
        // parameter's type, which costs more than the insert.
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
                """, List.copyOf(rows), 1000, (statement, s) -> {
            statement.setString(1, s.alertId());
            statement.setString(2, s.ruleId());
            statement.setString(3, s.device());
            statement.setString(4, s.sensor());
            statement.setString(5, s.quantity());
            statement.setString(6, s.location());
            statement.setString(7, s.unit());
            statement.setString(8, s.state());
            time(statement, 9, s.stateSince());
            statement.setLong(10, s.episode());
            statement.setLong(11, s.notifiedEpisode());
            time(statement, 12, s.lastNotifiedAt());
            statement.setInt(13, s.repeats());
            if (Double.isNaN(s.lastValue())) {
                statement.setNull(14, Types.DOUBLE);
            } else {
                statement.setDouble(14, s.lastValue());
            }
            time(statement, 15, s.lastReadingAt());
            time(statement, 16, s.beyondSince());
            time(statement, 17, s.backSince());
            statement.setString(18, truncate(s.reason(), 200));
            String recent = s.recent();
            if (recent == null) {
                statement.setNull(19, Types.VARCHAR);
            } else {
                statement.setString(19, recent);
            }
            statement.setObject(20, updated, Types.TIMESTAMP);
        });
    }

    private static void time(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP);
        } else {
            statement.setObject(index, SqlTime.of(instant), Types.TIMESTAMP);
        }
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
                SqlTime.of(at));
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

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
