package home.connected.alert.delivery;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A notice as Alertmanager's labels and annotations (webhook and Alertmanager kinds share them). */
final class AlertLabels {

    /** Alertmanager's "zero" endsAt of an alert that is still firing (Go's zero time). */
    static final String NOT_ENDED = "0001-01-01T00:00:00Z";

    private AlertLabels() {}

    /** alertname (the rule's name), rule_id, severity and the series; empty values left out. */
    static Map<String, String> labels(Notice notice) {
        Map<String, String> labels = new LinkedHashMap<>();
        put(labels, "alertname", notice.ruleName());
        put(labels, "rule_id", notice.ruleId());
        put(labels, "severity", notice.severityName());
        put(labels, "device", notice.deviceId());
        put(labels, "sensor", notice.sensor());
        put(labels, "quantity", notice.quantity());
        put(labels, "location", notice.location());
        if (notice.transition() == Transition.TEST) {
            labels.put("test", "true");
        }
        return labels;
    }

    /** summary (the title), description (the body) and value. */
    static Map<String, String> annotations(Notice notice, Texts texts) {
        Map<String, String> annotations = new LinkedHashMap<>();
        put(annotations, "summary", texts.title());
        put(annotations, "description", texts.body());
        put(annotations, "value", notice.variables().get("value"));
        return annotations;
    }

    /** firing or resolved (a test notice is a firing alert labelled test="true"). */
    static String status(Notice notice) {
        return notice.transition() == Transition.RESOLVED ? "resolved" : "firing";
    }

    static String time(Instant instant) {
        return instant.toString();
    }

    private static void put(Map<String, String> map, String name, String value) {
        if (value != null && !value.isBlank()) {
            map.put(name, value);
        }
    }
}
