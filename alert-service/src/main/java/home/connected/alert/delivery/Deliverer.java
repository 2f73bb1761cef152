package home.connected.alert.delivery;

import home.connected.alert.AlertProperties;
import home.connected.contracts.alert.v1.Channel;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends one notice through one channel, once (retries are the dispatcher's): picks the sender of
 * the channel's kind, renders the texts with that kind's escaping, and reports the outcome.
 */
@Component
public class Deliverer {

    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);

    private final Map<Channel.TargetCase, Sender> senders = new EnumMap<>(Channel.TargetCase.class);

    public Deliverer(AlertProperties properties, TargetAddresses targets, ObjectProvider<JavaMailSender> mail) {
        HttpDelivery http = new HttpDelivery(properties.delivery().timeout(), targets);
        AlertProperties.Channels channels = properties.channels();
        senders.put(Channel.TargetCase.EMAIL, new EmailSender(mail, channels.emailFrom()));
        senders.put(Channel.TargetCase.SLACK, new SlackSender(http));
        senders.put(Channel.TargetCase.WEBHOOK, new WebhookSender(http, properties.dashboardUrl()));
        senders.put(Channel.TargetCase.ALERTMANAGER, new AlertmanagerSender(http));
        senders.put(Channel.TargetCase.NTFY, new NtfySender(http));
        senders.put(Channel.TargetCase.TELEGRAM, new TelegramSender(http, channels.telegramApiUrl()));
        senders.put(Channel.TargetCase.DISCORD, new DiscordSender(http));
        senders.put(Channel.TargetCase.GOTIFY, new GotifySender(http));
        senders.put(Channel.TargetCase.PUSHOVER, new PushoverSender(http, channels.pushoverApiUrl()));
    }

    /** @param channel with its secrets filled in */
    public DeliveryOutcome deliver(Channel channel, Notice notice) {
        long start = System.nanoTime();
        DeliveryOutcome outcome;
        Sender sender = senders.get(channel.getTargetCase());
        if (sender == null) {
            outcome = DeliveryOutcome.failed(false, 0, "the channel has no target", Duration.ZERO);
        } else {
            try {
                outcome = sender.send(channel, notice);
            } catch (RuntimeException e) {
                log.warn("Sending notice {} through channel {} failed", notice.notificationId(), channel.getId(), e);
                outcome = DeliveryOutcome.failed(
                        false,
                        0,
                        "the notice could not be sent (" + e.getClass().getSimpleName() + ")",
                        Duration.ZERO);
            }
        }
        return outcome.took(Duration.ofNanos(System.nanoTime() - start));
    }
}
