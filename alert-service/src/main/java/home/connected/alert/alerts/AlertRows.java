package home.connected.alert.alerts;

import com.google.protobuf.Timestamp;
import home.connected.alert.SqlTime;
import home.connected.contracts.alert.v1.AlertState;
import home.connected.contracts.alert.v1.Severity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;

/** Column values as the contract shows them. */
final class AlertRows {

    private AlertRows() {}

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }

    /** Unset (null) when the column is NULL. */
    static Timestamp timestamp(ResultSet row, String column) throws SQLException {
        Instant value = SqlTime.read(row, column);
        return value == null ? null : timestamp(value);
    }

    static double value(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? Double.NaN : value;
    }

    /** alert_series.state: ok, pending, firing. */
    static AlertState seriesState(String state) {
        return switch (state) {
            case "firing" -> AlertState.ALERT_STATE_FIRING;
            case "pending" -> AlertState.ALERT_STATE_PENDING;
            case "ok" -> AlertState.ALERT_STATE_OK;
            default -> AlertState.ALERT_STATE_UNSPECIFIED;
        };
    }

    /** alert_event.severity: info, warning, critical (the SEVERITY_ names are read too). */
    static Severity severity(String severity) {
        return switch (severity.toLowerCase(Locale.ROOT).replace("severity_", "")) {
            case "info" -> Severity.SEVERITY_INFO;
            case "warning" -> Severity.SEVERITY_WARNING;
            case "critical" -> Severity.SEVERITY_CRITICAL;
            default -> Severity.SEVERITY_UNSPECIFIED;
        };
    }

    /** firing, repeat-N or resolved: repeat-N shows as repeat. */
    static String transition(String transition) {
        return transition.startsWith("repeat") ? "repeat" : transition;
    }

    static AlertState eventState(String transition) {
        return transition.equals("resolved") ? AlertState.ALERT_STATE_RESOLVED : AlertState.ALERT_STATE_FIRING;
    }
}
