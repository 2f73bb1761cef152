package home.connected.alert.delivery;

import home.connected.contracts.alert.v1.MessageTemplate;
import home.connected.contracts.alert.v1.Severity;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * One notification about one series, as every kind of channel needs it: the facts, the rule's
 * templates (rendered per channel with that channel's escaping) and the key the receiver may use
 * to recognise a repeat of the same notification.
 *
 * @param alertId the series' fingerprint (stable for rule and series)
 * @param notificationId unique per notification and target: sent as an idempotency key
 * @param since when the series started firing
 * @param at when this transition happened (for RESOLVED: when it resolved, Alertmanager's endsAt)
 * @param value NaN when there is none (no data)
 * @param threshold a display form, e.g. "30" or "no data for 5m"; empty when none
 */
public record Notice(
        String alertId,
        long notificationId,
        String ruleId,
        String ruleName,
        Severity severity,
        Transition transition,
        long episode,
        String deviceId,
        String sensor,
        String quantity,
        String location,
        String unit,
        double value,
        String threshold,
        String reason,
        Instant since,
        Instant at,
        String link,
        MessageTemplate template) {

    /** The template variables (see MessageTemplates.VARIABLES). */
    public Map<String, String> variables() {
        return Map.ofEntries(
                Map.entry("rule", ruleName),
                Map.entry("severity", severityName()),
                Map.entry("state", transition.state()),
                Map.entry("device", deviceId),
                Map.entry("sensor", sensor),
                Map.entry("quantity", quantity),
                Map.entry("location", location),
                Map.entry("value", Double.isNaN(value) ? "" : format(value)),
                Map.entry("unit", unit),
                Map.entry("threshold", threshold),
                Map.entry("since", since.toString()),
                Map.entry("link", link),
                Map.entry("reason", reason));
    }

    /** info, warning or critical. */
    public String severityName() {
        return switch (severity) {
            case SEVERITY_CRITICAL -> "critical";
            case SEVERITY_INFO -> "info";
            default -> "warning";
        };
    }

    public static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "");
    }
}
