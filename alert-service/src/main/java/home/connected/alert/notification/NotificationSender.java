package home.connected.alert.notification;

import home.connected.alert.AlertProperties;
import home.connected.alert.action.MqttActions;
import home.connected.alert.channel.ChannelStore;
import home.connected.alert.delivery.Deliverer;
import home.connected.alert.delivery.DeliveryOutcome;
import home.connected.alert.delivery.Notice;
import home.connected.alert.rule.RuleStore;
import home.connected.contracts.alert.v1.Channel;
import home.connected.contracts.alert.v1.MqttAction;
import home.connected.contracts.alert.v1.Rule;
import home.connected.contracts.alert.v1.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Takes one due notification as far as it can go now (from several of the dispatcher's threads at
 * once, each with other notifications): drops it when it is no longer wanted, holds
 * it through the channel's quiet hours, waits for the channel's rate limit, and otherwise makes
 * one attempt and records it.
 *
 * <p>The row is marked {@code sending} (and the attempt counted) in its own committed update
 * before the send, and the outcome is recorded after it. A crash between the two leaves the row
 * in {@code sending}; the next dispatcher sends it again. That is the one case in which a
 * receiver may get a notification twice, and both carry the same notification id (the
 * Idempotency-Key), so a receiver that honours it shows it once.
 */
@Component
class NotificationSender {

    static final String PENDING = "pending";
    static final String HELD = "held";
    static final String SENDING = "sending";
    static final String RETRYING = "retrying";
    static final String FAILED = "failed";
    static final String DROPPED = "dropped";
    static final Duration RATE_WINDOW = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);

    private final NotificationLog notifications;
    private final RuleStore rules;
    private final ChannelStore channels;
    private final Deliverer deliverer;
    private final MqttActions actions;
    private final NotificationMetrics metrics;
    private final Clock clock;
    private final RetryBackoff backoff;
    private final Duration giveUpAfter;
    private final int defaultMaxPerMinute;
    private final String dashboardUrl;
    private final ChannelRateLimiter rateLimiter = new ChannelRateLimiter(RATE_WINDOW);
    /** Outcomes of sends made but not yet written (the database was unreachable): written first. */
    private final Deque<Runnable> unrecorded = new ConcurrentLinkedDeque<>();

    NotificationSender(
            NotificationLog notifications,
            RuleStore rules,
            ChannelStore channels,
            Deliverer deliverer,
            MqttActions actions,
            NotificationMetrics metrics,
            Clock clock,
            AlertProperties properties) {
        this.notifications = notifications;
        this.rules = rules;
        this.channels = channels;
        this.deliverer = deliverer;
        this.actions = actions;
        this.metrics = metrics;
        this.clock = clock;
        AlertProperties.Delivery delivery = properties.delivery();
        this.backoff = new RetryBackoff(delivery.firstRetry(), delivery.maxRetry());
        this.giveUpAfter = delivery.giveUpAfter();
        this.defaultMaxPerMinute = delivery.maxPerMinute();
        this.dashboardUrl = properties.dashboardUrl() == null ? "" : properties.dashboardUrl();
    }

    /** Forgets the rate limits' memory and rebuilds it from the attempts of the last minute. */
    void resetRateLimits() {
        rateLimiter.clear();
        for (NotificationLog.Send send :
                notifications.attemptsSince(clock.instant().minus(RATE_WINDOW))) {
            rateLimiter.recordSend(send.target(), send.at());
        }
    }

    /** Writes the outcomes still unwritten; false when that still fails (nothing else may go). */
    boolean recordUnrecorded() {
        while (!unrecorded.isEmpty()) {
            try {
                unrecorded.peekFirst().run();
            } catch (DataAccessException e) {
                log.warn(
                        "Could not record a delivery outcome yet: {}",
                        e.getMostSpecificCause().getMessage());
                return false;
            }
            unrecorded.removeFirst();
        }
        return true;
    }

    void handle(DueNotification due) {
        try {
            process(due);
        } catch (RuntimeException e) {
            // A store that failed (e.g. the database): look again later rather than at once.
            log.warn("Notification {} could not be processed: {}", due.id(), e.toString());
            String status = due.status().equals(SENDING) ? RETRYING : due.status();
            notifications.postpone(due.id(), status, clock.instant().plus(backoff.delayAfter(due.attempts() + 1)));
        }
    }

    private void process(DueNotification due) {
        Optional<AlertEventRow> found = notifications.event(due.eventId());
        if (found.isEmpty()) {
            fail(due, "its alert event no longer exists");
            return;
        }
        AlertEventRow event = found.get();
        Optional<Rule> rule = rules.find(event.ruleId());
        if (rule.isEmpty()) {
            fail(due, "rule " + event.ruleId() + " no longer exists");
            return;
        }
        if (!rule.get().getEnabled()) {
            drop(due, "rule disabled before the notification left");
            return;
        }
        if (due.status().equals(HELD) && resolvedWhileHeld(due, event)) {
            drop(due, "resolved during quiet hours");
            return;
        }
        Notice notice = event.toNotice(due.id(), dashboardUrl, rule.get().getTemplate());
        if (due.isAction()) {
            int index = due.actionIndex();
            if (index < 0 || index >= rule.get().getActionsCount()) {
                fail(
                        due,
                        "rule " + event.ruleId() + " has no action "
                                + due.target().substring(DueNotification.ACTION_PREFIX.length()));
                return;
            }
            MqttAction action = rule.get().getActions(index);
            send(due, event, () -> actions.publish(action, notice));
            return;
        }
        Optional<Channel> channel = channels.withSecrets(due.target());
        if (channel.isEmpty()) {
            fail(due, "channel " + due.target() + " no longer exists");
            return;
        }
        if (event.isResolved() && rule.get().hasNotifyResolved() && !rule.get().getNotifyResolved()) {
            drop(due, "the rule no longer notifies when an alert resolves");
            return;
        }
        Instant now = clock.instant();
        Optional<Instant> quietUntil = quietUntil(channel.get(), event, now);
        if (quietUntil.isPresent()) {
            notifications.postpone(due.id(), HELD, quietUntil.get());
            return;
        }
        int limit = channel.get().getMaxPerMinute() > 0 ? channel.get().getMaxPerMinute() : defaultMaxPerMinute;
        if (limit > 0) {
            Instant slot = rateLimiter.take(due.target(), limit, now);
            if (slot.isAfter(now)) {
                notifications.postpone(due.id(), due.status().equals(SENDING) ? RETRYING : due.status(), slot);
                return;
            }
        } else {
            rateLimiter.recordSend(due.target(), now);
        }
        send(due, event, () -> deliverer.deliver(channel.get(), notice));
    }

    private boolean resolvedWhileHeld(DueNotification due, AlertEventRow event) {
        if (event.isResolved()) {
            return notifications.firingDropped(event.alertId(), event.episode(), due.target());
        }
        return !notifications.seriesFires(event.alertId(), event.episode());
    }

    private static Optional<Instant> quietUntil(Channel channel, AlertEventRow event, Instant now) {
        if (!channel.hasQuietHours()) {
            return Optional.empty();
        }
        if (channel.getQuietHours().getCriticalBreaksThrough() && event.severityLevel() == Severity.SEVERITY_CRITICAL) {
            return Optional.empty();
        }
        return QuietHoursWindow.of(channel.getQuietHours()).flatMap(window -> window.endOfPeriodAround(now));
    }

    private void send(DueNotification due, AlertEventRow event, Supplier<DeliveryOutcome> attempt) {
        Instant startedAt = clock.instant();
        if (!notifications.markSending(due.id(), due.status(), startedAt)) {
            return;
        }
        long started = System.nanoTime();
        DeliveryOutcome outcome;
        try {
            outcome = attempt.get();
        } catch (RuntimeException e) {
            log.warn("Sending notification {} ({}) failed unexpectedly", due.id(), due.channelKind(), e);
            outcome = null;
        }
        if (outcome == null) {
            outcome = DeliveryOutcome.failed(true, 0, "internal error while sending", null);
        }
        Instant finishedAt = clock.instant();
        long tookMillis = outcome.took() != null
                ? outcome.took().toMillis()
                : Duration.ofNanos(System.nanoTime() - started).toMillis();
        int attempts = due.attempts() + 1;
        String kind = due.channelKind();
        metrics.attempted(kind, outcome);
        String status;
        Instant next = null;
        if (outcome.delivered()) {
            status = "sent";
        } else if (!outcome.retryable()) {
            status = FAILED;
        } else {
            next = backoff.nextAttempt(finishedAt, attempts, outcome.retryAfter());
            Instant giveUpAt = (due.createdAt() == null ? startedAt : due.createdAt()).plus(giveUpAfter);
            if (next.isAfter(giveUpAt)) {
                status = FAILED;
                next = null;
                outcome = withError(outcome, "gave up after " + attempts + " attempts: " + outcome.error());
            } else {
                status = RETRYING;
            }
        }
        if (!outcome.delivered()) {
            log.info(
                    "Notification {} ({}) attempt {} not delivered ({}): {}",
                    due.id(),
                    kind,
                    attempts,
                    status,
                    outcome.error());
        }
        DeliveryOutcome recorded = outcome;
        String finalStatus = status;
        Instant nextAttemptAt = next;
        Runnable record = () -> notifications.recordAttempt(
                due.id(), startedAt, finishedAt, recorded, tookMillis, finalStatus, nextAttemptAt);
        try {
            record.run();
        } catch (DataAccessException e) {
            log.warn("Could not record the outcome of notification {} yet", due.id());
            unrecorded.addLast(record);
        }
        if (outcome.delivered()) {
            metrics.sent(kind, Duration.between(event.at(), finishedAt));
        } else if (status.equals(FAILED)) {
            metrics.failed(kind);
        }
    }

    private void fail(DueNotification due, String reason) {
        log.warn("Notification {} failed: {}", due.id(), reason);
        notifications.close(due.id(), FAILED, reason);
        metrics.failed(due.channelKind());
    }

    private void drop(DueNotification due, String reason) {
        log.info("Notification {} dropped: {}", due.id(), reason);
        notifications.close(due.id(), DROPPED, reason);
    }

    private static DeliveryOutcome withError(DeliveryOutcome outcome, String error) {
        return new DeliveryOutcome(
                outcome.delivered(),
                outcome.retryable(),
                outcome.retryAfter(),
                outcome.responseCode(),
                error,
                outcome.took());
    }
}
