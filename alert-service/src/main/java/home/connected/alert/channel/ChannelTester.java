package home.connected.alert.channel;

import home.connected.alert.AlertProperties;
import home.connected.alert.delivery.Deliverer;
import home.connected.alert.delivery.DeliveryOutcome;
import home.connected.alert.delivery.Notice;
import home.connected.alert.delivery.Transition;
import home.connected.contracts.alert.v1.Delivery;
import home.connected.contracts.alert.v1.MessageTemplate;
import home.connected.contracts.alert.v1.Severity;
import java.time.Clock;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** TestChannel: one attempt with a made-up notice, nothing recorded. */
@Component
class ChannelTester {

    private final Deliverer deliverer;
    private final String link;
    private final Clock clock;

    ChannelTester(Deliverer deliverer, AlertProperties properties, ObjectProvider<Clock> clock) {
        this.deliverer = deliverer;
        this.link = properties.dashboardUrl() == null ? "" : properties.dashboardUrl();
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    Delivery test(ChannelStore.Stored channel) {
        Instant now = clock.instant();
        Notice notice = new Notice(
                "0000000000000000",
                0,
                "",
                "Test of channel " + channel.settings().getName(),
                Severity.SEVERITY_WARNING,
                Transition.TEST,
                0,
                "example-device",
                "example-sensor",
                "temperature",
                "example location",
                "°C",
                21.5,
                "",
                "a test notification from Connected Home",
                now,
                now,
                link,
                MessageTemplate.getDefaultInstance());
        DeliveryOutcome outcome = deliverer.deliver(channel.withSecrets(), notice);
        Instant attempted = clock.instant();
        return Delivery.newBuilder()
                .setChannelId(channel.id())
                .setDelivered(outcome.delivered())
                .setAttempts(1)
                .setError(outcome.error() == null ? "" : outcome.error())
                .setChannelKind(channel.kind())
                .setStatus(outcome.delivered() ? "sent" : "failed")
                .setResponseCode(outcome.responseCode())
                .setLastAttemptAt(com.google.protobuf.Timestamp.newBuilder()
                        .setSeconds(attempted.getEpochSecond())
                        .setNanos(attempted.getNano()))
                .build();
    }
}
