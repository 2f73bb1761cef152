package home.connected.alert.notification;

import home.connected.alert.delivery.Notice;
import home.connected.alert.delivery.Transition;
import home.connected.contracts.alert.v1.MessageTemplate;
import home.connected.contracts.alert.v1.Severity;
import java.time.Instant;
import java.util.Locale;

/** A row of alert_event: the transition a notification tells about. */
record AlertEventRow(
        long id,
        String alertId,
        String ruleId,
        String ruleName,
        long episode,
        String transition,
        String severity,
        String deviceId,
        String sensor,
        String quantity,
        String location,
        String unit,
        Double value,
        String threshold,
        String reason,
        Instant since,
        Instant at) {

    static final String FIRING = "firing";
    static final String RESOLVED = "resolved";

    /** firing and repeat-N tell that the series fires; resolved that it stopped. */
    Transition noticeTransition() {
        if (transition.equals(RESOLVED)) {
            return Transition.RESOLVED;
        }
        return transition.startsWith("repeat") ? Transition.REPEAT : Transition.FIRING;
    }

    boolean isResolved() {
        return noticeTransition() == Transition.RESOLVED;
    }

    Severity severityLevel() {
        String name = severity.toLowerCase(Locale.ROOT);
        if (name.endsWith("critical")) {
            return Severity.SEVERITY_CRITICAL;
        }
        return name.endsWith("info") ? Severity.SEVERITY_INFO : Severity.SEVERITY_WARNING;
    }

    Notice toNotice(long notificationId, String dashboardUrl, MessageTemplate template) {
        String base = dashboardUrl.endsWith("/") ? dashboardUrl.substring(0, dashboardUrl.length() - 1) : dashboardUrl;
        return new Notice(
                alertId,
                notificationId,
                ruleId,
                ruleName,
                severityLevel(),
                noticeTransition(),
                episode,
                deviceId,
                sensor,
                quantity,
                location,
                unit,
                value == null ? Double.NaN : value,
                threshold,
                reason,
                since,
                at,
                base + "/alerts/" + alertId,
                template);
    }
}
