package home.connected.alert.notification;

import home.connected.alert.delivery.DeliveryOutcome;
import home.connected.contracts.alert.v1.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * alert_notifications_sent_total, alert_notifications_failed_total (given up), and
 * alert_notification_attempts_total by channel kind (mqtt for actions); the attempts also by
 * outcome. alert_notification_delivery_seconds: from the transition to its delivery.
 */
@Component
class NotificationMetrics {

    private final MeterRegistry registry;

    NotificationMetrics(MeterRegistry registry) {
        this.registry = registry;
        // At 0 from the start: increase() over a counter that appears at 1 is 0, so the first
        // notification given up on would never raise the alert on alert_notifications_failed_total.
        for (String kind : kinds()) {
            sentCounter(kind);
            failedCounter(kind);
        }
    }

    /** Every channel kind (the fields of Channel's target) and mqtt, the kind of rule actions. */
    static List<String> kinds() {
        List<String> kinds = new ArrayList<>();
        Channel.getDescriptor().getOneofs().stream()
                .filter(oneof -> oneof.getName().equals("target"))
                .flatMap(oneof -> oneof.getFields().stream())
                .forEach(field -> kinds.add(field.getName()));
        kinds.add("mqtt");
        return kinds;
    }

    void attempted(String kind, DeliveryOutcome outcome) {
        Counter.builder("alert.notification.attempts")
                .description("Delivery attempts of notifications")
                .tag("kind", kind)
                .tag("outcome", outcomeName(outcome))
                .register(registry)
                .increment();
    }

    void sent(String kind, Duration sinceTransition) {
        sentCounter(kind).increment();
        Timer.builder("alert.notification.delivery")
                .description("From the alert's transition to the delivery of its notification")
                .tag("kind", kind)
                .publishPercentileHistogram()
                .register(registry)
                .record(sinceTransition.isNegative() ? Duration.ZERO : sinceTransition);
    }

    void failed(String kind) {
        failedCounter(kind).increment();
    }

    private Counter sentCounter(String kind) {
        return Counter.builder("alert.notifications.sent")
                .description("Notifications delivered")
                .tag("kind", kind)
                .register(registry);
    }

    private Counter failedCounter(String kind) {
        return Counter.builder("alert.notifications.failed")
                .description("Notifications given up on")
                .tag("kind", kind)
                .register(registry);
    }

    static String outcomeName(DeliveryOutcome outcome) {
        if (outcome.delivered()) {
            return "delivered";
        }
        if (outcome.retryAfter() != null) {
            return "throttled";
        }
        return outcome.retryable() ? "retryable_error" : "permanent_error";
    }
}
