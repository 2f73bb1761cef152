package home.connected.alert.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class NotificationMetricsTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void everyKindIsCountedFromZeroSoTheFirstFailureIsAnIncrease() {
        NotificationMetrics metrics = new NotificationMetrics(registry);

        assertThat(NotificationMetrics.kinds())
                .contains("email", "slack", "webhook", "alertmanager", "ntfy", "telegram", "discord", "gotify")
                .contains("pushover", "mqtt");
        for (String kind : NotificationMetrics.kinds()) {
            assertThat(counter("alert.notifications.failed", kind).count())
                    .as(kind)
                    .isZero();
            assertThat(counter("alert.notifications.sent", kind).count())
                    .as(kind)
                    .isZero();
        }

        metrics.failed("webhook");
        assertThat(counter("alert.notifications.failed", "webhook").count()).isEqualTo(1);
        assertThat(registry.find("alert.notifications.failed").counters()).hasSameSizeAs(NotificationMetrics.kinds());
    }

    private Counter counter(String name, String kind) {
        return registry.get(name).tag("kind", kind).counter();
    }
}
