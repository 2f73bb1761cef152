package home.connected.alert.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import home.connected.alert.AlertProperties;
import home.connected.alert.action.MqttActions;
import home.connected.alert.channel.ChannelStore;
import home.connected.alert.channel.SecretCipher;
import home.connected.alert.delivery.Deliverer;
import home.connected.alert.delivery.TargetAddresses;
import home.connected.alert.rule.RuleStore;
import home.connected.contracts.alert.v1.Channel;
import home.connected.contracts.alert.v1.MessageTemplate;
import home.connected.contracts.alert.v1.MqttAction;
import home.connected.contracts.alert.v1.QuietHours;
import home.connected.contracts.alert.v1.Rule;
import home.connected.contracts.alert.v1.Severity;
import home.connected.contracts.alert.v1.WebhookChannel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dispatcher against a real MariaDB (rows written as the evaluator writes them), a real HTTP
 * receiver and a real broker, with a clock the test moves.
 */
class NotificationDispatcherTest {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    private static final AlertProperties PROPERTIES = new AlertProperties(
            null,
            new AlertProperties.Actions(List.of("connected-home/v1/actions/#"), List.of("zigbee2mqtt/#")),
            null,
            null,
            null,
            null,
            new AlertProperties.Delivery(
                    Duration.ofSeconds(2),
                    Duration.ofMinutes(5),
                    Duration.ofHours(24),
                    Duration.ofSeconds(5),
                    30,
                    false,
                    Duration.ofMillis(200),
                    4),
            new AlertProperties.Channels("alerts@example.org", "http://127.0.0.1:9/telegram", "http://127.0.0.1:9/po"),
            "http://dashboard.example/",
            null,
            null);

    private static final String SECRETS_KEY = java.util.Base64.getEncoder().encodeToString(new byte[32]);

    private static DispatchDatabase database;
    private static ActionBroker broker;

    private final MutableClock clock = new MutableClock(T0);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private AlertRows rows;
    private WebhookReceiver receiver;
    private NotificationDispatcher dispatcher;

    @BeforeAll
    static void services() throws Exception {
        database = DispatchDatabase.get();
        broker = new ActionBroker();
    }

    @AfterAll
    static void closeBroker() throws Exception {
        broker.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        database.clear();
        rows = new AlertRows(database.jdbc);
        receiver = new WebhookReceiver(clock);
        dispatcher = newDispatcher();
    }

    @AfterEach
    void tearDown() {
        dispatcher.stop();
        receiver.close();
    }

    @Test
    void pendingNotificationIsSentOnceAndMarkedSent() {
        Channel channel = channel(null, 0);
        Rule rule = rule(channel);
        String alertId = firingSeries(rule);
        long event = rows.event(alertId, rule, 1, "firing", "warning", T0.minusMillis(250));
        long id = rows.notification(event, channel.getId(), "webhook", T0);

        dispatcher.start();
        awaitStatus(id, "sent");

        assertThat(receiver.arrivals()).singleElement().satisfies(arrival -> {
            assertThat(arrival.idempotencyKey()).isEqualTo(alertId + "-" + id);
            assertThat(arrival.body())
                    .contains("\"status\":\"firing\"")
                    .contains("\"summary\":\"Freezer firing\"")
                    .contains("\"value\":\"-12.5\"")
                    .contains("\"generatorURL\":\"http://dashboard.example/alerts/" + alertId + "\"");
        });
        Map<String, Object> row = rows.notificationRow(id);
        assertThat(row).containsEntry("attempts", 1).containsEntry("response_code", 200);
        assertThat(row.get("sent_at")).isNotNull();
        assertThat(rows.attempts(id))
                .singleElement()
                .satisfies(attempt -> assertThat(attempt)
                        .containsEntry("delivered", true)
                        .containsEntry("response_code", 200)
                        .containsEntry("error", ""));

        clock.advance(Duration.ofHours(1));
        awaitPass();
        assertThat(receiver.arrivals()).hasSize(1);
        assertThat(count("alert.notifications.sent", "kind", "webhook")).isEqualTo(1);
        assertThat(count("alert.notification.attempts", "outcome", "delivered")).isEqualTo(1);
        assertThat(registry.find("alert.notification.delivery")
                        .timer()
                        .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isEqualTo(250);
    }

    @Test
    void aSlowReceiverHoldsUpOnlyItsOwnAlertWhoseNotificationsStayInOrder() {
        Channel channel = channel(null, 0);
        Rule rule = rule(channel);
        String slow = firingSeries(rule);
        String other = firingSeries(rule);
        long slowFiring =
                rows.notification(rows.event(slow, rule, 1, "firing", "warning", T0), channel.getId(), "webhook", T0);
        long slowResolved =
                rows.notification(rows.event(slow, rule, 1, "resolved", "warning", T0), channel.getId(), "webhook", T0);
        long otherFiring =
                rows.notification(rows.event(other, rule, 1, "firing", "warning", T0), channel.getId(), "webhook", T0);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        receiver.hold(slow + "-" + slowFiring, release);

        dispatcher.start();
        awaitStatus(otherFiring, "sent");
        assertThat(rows.status(slowFiring)).isEqualTo("sending");
        assertThat(rows.status(slowResolved)).isEqualTo("pending");
        release.countDown();
        awaitStatus(slowResolved, "sent");

        assertThat(rows.status(slowFiring)).isEqualTo("sent");
        assertThat(receiver.arrivals())
                .extracting(WebhookReceiver.Arrival::idempotencyKey)
                .containsExactlyInAnyOrder(
                        slow + "-" + slowFiring, other + "-" + otherFiring, slow + "-" + slowResolved)
                .containsSubsequence(slow + "-" + slowFiring, slow + "-" + slowResolved);
    }

    @Test
    void serverErrorsAreRetriedWithBackoffUntilDelivered() {
        Channel channel = channel(null, 0);
        Rule rule = rule(channel);
        long event = rows.event(firingSeries(rule), rule, 1, "firing", "warning", T0);
        long id = rows.notification(event, channel.getId(), "webhook", T0);
        receiver.answer(500);
        receiver.answer(503);

        dispatcher.start();
        awaitStatus(id, "retrying");
        assertThat(rows.nextAttemptAt(id)).isEqualTo(T0.plusSeconds(2));
        awaitPass();
        assertThat(receiver.arrivals()).hasSize(1);

        clock.advance(Duration.ofSeconds(2));
        dispatcher.wakeUp();
        await().until(() -> receiver.arrivals().size() == 2);
        awaitAttempts(id, 2);
        assertThat(rows.status(id)).isEqualTo("retrying");
        assertThat(rows.nextAttemptAt(id)).isEqualTo(T0.plusSeconds(6));

        clock.advance(Duration.ofSeconds(4));
        dispatcher.wakeUp();
        awaitStatus(id, "sent");

        assertThat(receiver.arrivals())
                .extracting(WebhookReceiver.Arrival::at)
                .containsExactly(T0, T0.plusSeconds(2), T0.plusSeconds(6));
        assertThat(receiver.arrivals())
                .extracting(WebhookReceiver.Arrival::idempotencyKey)
                .allSatisfy(key -> assertThat(key).endsWith("-" + id));
        assertThat(rows.notificationRow(id)).containsEntry("attempts", 3);
        assertThat(rows.attempts(id))
                .extracting(attempt -> attempt.get("response_code"))
                .containsExactly(500, 503, 200);
        assertThat(count("alert.notification.attempts", "outcome", "retryable_error"))
                .isEqualTo(2);
    }

    @Test
    void tooManyRequestsWaitsForRetryAfter() {
        Channel channel = channel(null, 0);
        Rule rule = rule(channel);
        long event = rows.event(firingSeries(rule), rule, 1, "firing", "warning", T0);
        long id = rows.notification(event, channel.getId(), "webhook", T0);
        receiver.answer(429, "3");

        dispatcher.start();
        awaitStatus(id, "retrying");
        assertThat(rows.nextAttemptAt(id)).isEqualTo(T0.plusSeconds(3));
        assertThat(rows.notificationRow(id)).containsEntry("response_code", 429);

        // Past the backoff's first retry (2 s), before Retry-After (3 s): no second request.
        clock.advance(Duration.ofSeconds(2));
        awaitPass();
        assertThat(receiver.arrivals()).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        dispatcher.wakeUp();
        awaitStatus(id, "sent");
        assertThat(receiver.arrivals()).extracting(WebhookReceiver.Arrival::at).containsExactly(T0, T0.plusSeconds(3));
        assertThat(count("alert.notification.attempts", "outcome", "throttled")).isEqualTo(1);
    }

    @Test
    void badRequestFailsWithoutRetry() {
        Channel channel = channel(null, 0);
        Rule rule = rule(channel);
        long event = rows.event(firingSeries(rule), rule, 1, "firing", "warning", T0);
        long id = rows.notification(event, channel.getId(), "webhook", T0);
        receiver.answer(400);

        dispatcher.start();
        awaitStatus(id, "failed");
        clock.advance(Duration.ofHours(1));
        awaitPass();

        assertThat(receiver.arrivals()).hasSize(1);
        assertThat(rows.notificationRow(id))
                .containsEntry("attempts", 1)
                .containsEntry("response_code", 400)
                .containsEntry("last_error", "HTTP 400");
        assertThat(rows.attempts(id))
                .singleElement()
                .satisfies(attempt ->
                        assertThat(attempt).containsEntry("delivered", false).containsEntry("response_code", 400));
        assertThat(count("alert.notifications.failed", "kind", "webhook")).isEqualTo(1);
    }

    @Test
    void retryableFailureGivesUpAfterTheConfiguredTime() {
        Channel channel = channel(null, 0);
        Rule rule = rule(channel);
        long event = rows.event(firingSeries(rule), rule, 1, "firing", "warning", T0.minus(Duration.ofHours(24)));
        long id = rows.notification(
                event, channel.getId(), "webhook", "retrying", 40, T0.minus(Duration.ofHours(24)), T0);
        receiver.answer(502);

        dispatcher.start();
        awaitStatus(id, "failed");

        assertThat((String) rows.notificationRow(id).get("last_error"))
                .isEqualTo("gave up after 41 attempts: HTTP 502");
    }

    @Test
    void missingRuleOrChannelFailsWithTheReason() {
        Channel channel = channel(null, 0);
        Rule rule = rule(channel);
        String alertId = firingSeries(rule);
        long event = rows.event(alertId, rule, 1, "firing", "warning", T0);
        String goneChannel = AlertRows.newId();
        long toGoneChannel = rows.notification(event, goneChannel, "webhook", T0);
        long toMissingAction = rows.notification(event, "action-3", "mqtt", T0);
        Rule unknown = rule.toBuilder().setId(AlertRows.newId()).build();
        long ofGoneRule = rows.notification(
                rows.event(alertId, unknown, 2, "firing", "warning", T0), channel.getId(), "webhook", T0);

        dispatcher.start();
        awaitStatus(ofGoneRule, "failed");
        awaitStatus(toGoneChannel, "failed");
        awaitStatus(toMissingAction, "failed");

        assertThat(rows.notificationRow(toGoneChannel))
                .containsEntry("last_error", "channel " + goneChannel + " no longer exists")
                .containsEntry("attempts", 0);
        assertThat(rows.notificationRow(ofGoneRule))
                .containsEntry("last_error", "rule " + unknown.getId() + " no longer exists");
        assertThat(rows.notificationRow(toMissingAction))
                .containsEntry("last_error", "rule " + rule.getId() + " has no action 3");
        assertThat(receiver.arrivals()).isEmpty();
    }

    @Test
    void notificationsNoLongerWantedByTheRuleAreDropped() {
        Channel channel = channel(null, 0);
        Rule disabled = rule(channel);
        rows.rule(disabled.toBuilder().setEnabled(false).build(), clock.instant());
        Rule quietOnResolve = rule(channel);
        rows.rule(quietOnResolve.toBuilder().setNotifyResolved(false).build(), clock.instant());
        long ofDisabled = rows.notification(
                rows.event(firingSeries(disabled), disabled, 1, "firing", "warning", T0),
                channel.getId(),
                "webhook",
                T0);
        long resolved = rows.notification(
                rows.event(firingSeries(quietOnResolve), quietOnResolve, 1, "resolved", "warning", T0),
                channel.getId(),
                "webhook",
                T0);

        dispatcher.start();
        awaitStatus(ofDisabled, "dropped");
        awaitStatus(resolved, "dropped");

        assertThat(rows.notificationRow(ofDisabled))
                .containsEntry("last_error", "rule disabled before the notification left");
        assertThat(receiver.arrivals()).isEmpty();
    }

    @Test
    void quietHoursHoldANotificationUntilTheyEnd() {
        // 23:00 in Zurich (UTC+2): quiet until 07:00 local, 05:00 UTC.
        clock.set(Instant.parse("2026-06-01T21:00:00Z"));
        Channel channel = channel(quietNights(false), 0);
        Rule rule = rule(channel);
        long event = rows.event(firingSeries(rule), rule, 1, "firing", "warning", clock.instant());
        long id = rows.notification(event, channel.getId(), "webhook", clock.instant());

        dispatcher.start();
        awaitStatus(id, "held");
        Instant end = Instant.parse("2026-06-02T05:00:00Z");
        assertThat(rows.nextAttemptAt(id)).isEqualTo(end);
        assertThat(rows.notificationRow(id)).containsEntry("attempts", 0);

        clock.set(end.minusSeconds(1));
        awaitPass();
        assertThat(receiver.arrivals()).isEmpty();
        assertThat(rows.status(id)).isEqualTo("held");

        clock.set(end);
        dispatcher.wakeUp();
        awaitStatus(id, "sent");
        assertThat(receiver.arrivals()).extracting(WebhookReceiver.Arrival::at).containsExactly(end);
    }

    @Test
    void heldNotificationsAreDroppedWhenTheAlertResolvesDuringQuietHours() {
        clock.set(Instant.parse("2026-06-01T21:00:00Z"));
        Channel channel = channel(quietNights(false), 0);
        Rule rule = rule(channel);
        String alertId = firingSeries(rule);
        long firing = rows.notification(
                rows.event(alertId, rule, 1, "firing", "warning", clock.instant()),
                channel.getId(),
                "webhook",
                clock.instant());
        dispatcher.start();
        awaitStatus(firing, "held");

        clock.advance(Duration.ofHours(2));
        rows.seriesState(alertId, "ok");
        long resolved = rows.notification(
                rows.event(alertId, rule, 1, "resolved", "warning", clock.instant()),
                channel.getId(),
                "webhook",
                clock.instant());
        dispatcher.wakeUp();
        awaitStatus(resolved, "held");

        clock.set(Instant.parse("2026-06-02T05:00:00Z"));
        dispatcher.wakeUp();
        awaitStatus(firing, "dropped");
        awaitStatus(resolved, "dropped");

        assertThat(rows.notificationRow(firing)).containsEntry("last_error", "resolved during quiet hours");
        assertThat(rows.notificationRow(resolved)).containsEntry("last_error", "resolved during quiet hours");
        assertThat(receiver.arrivals()).isEmpty();
        assertThat(rows.attempts(firing)).isEmpty();
    }

    @Test
    void criticalAlertsBreakThroughQuietHoursWhenTheChannelSaysSo() {
        clock.set(Instant.parse("2026-06-01T21:00:00Z"));
        Channel breaksThrough = channel(quietNights(true), 0);
        Rule rule = rule(breaksThrough);
        String alertId = firingSeries(rule);
        long critical = rows.event(alertId, rule, 1, "firing", "critical", clock.instant());
        long warning = rows.event(alertId, rule, 1, "repeat-1", "warning", clock.instant());
        long criticalNotification = rows.notification(critical, breaksThrough.getId(), "webhook", clock.instant());
        long warningNotification = rows.notification(warning, breaksThrough.getId(), "webhook", clock.instant());

        dispatcher.start();
        awaitStatus(criticalNotification, "sent");
        awaitStatus(warningNotification, "held");

        assertThat(receiver.arrivals())
                .singleElement()
                .satisfies(arrival -> assertThat(arrival.body()).contains("\"severity\":\"critical\""));
    }

    @Test
    void actionsIgnoreQuietHours() {
        clock.set(Instant.parse("2026-06-01T21:00:00Z"));
        Channel channel = channel(quietNights(false), 0);
        String topic = broker.topic("fan/POWER");
        Rule rule = rule(channel).toBuilder()
                .addActions(MqttAction.newBuilder()
                        .setTopic(topic)
                        .setFiringPayload("ON")
                        .setResolvedPayload("OFF")
                        .setQos(1))
                .build();
        rows.rule(rule, clock.instant());
        long event = rows.event(firingSeries(rule), rule, 1, "firing", "warning", clock.instant());
        long toChannel = rows.notification(event, channel.getId(), "webhook", clock.instant());
        long action = rows.notification(event, "action-0", "mqtt", clock.instant());

        dispatcher.start();
        awaitStatus(action, "sent");
        awaitStatus(toChannel, "held");

        await().until(() -> broker.received().contains(topic + " ON"));
        assertThat(count("alert.notifications.sent", "kind", "mqtt")).isEqualTo(1);
    }

    @Test
    void rateLimitPostponesWhatExceedsTheChannelsLimitAndLosesNothing() {
        Channel channel = channel(null, 2);
        Rule rule = rule(channel);
        String alertId = firingSeries(rule);
        List<Long> ids = List.of(
                rows.notification(
                        rows.event(alertId, rule, 1, "firing", "warning", T0), channel.getId(), "webhook", T0),
                rows.notification(
                        rows.event(alertId, rule, 1, "repeat-1", "warning", T0), channel.getId(), "webhook", T0),
                rows.notification(
                        rows.event(alertId, rule, 1, "repeat-2", "warning", T0), channel.getId(), "webhook", T0));

        dispatcher.start();
        awaitStatus(ids.get(0), "sent");
        awaitStatus(ids.get(1), "sent");
        await().until(() -> rows.nextAttemptAt(ids.get(2)).equals(T0.plusSeconds(60)));
        assertThat(rows.status(ids.get(2))).isEqualTo("pending");

        clock.advance(Duration.ofSeconds(59));
        awaitPass();
        assertThat(receiver.arrivals()).hasSize(2);

        clock.advance(Duration.ofSeconds(1));
        dispatcher.wakeUp();
        awaitStatus(ids.get(2), "sent");
        assertThat(receiver.arrivals())
                .extracting(WebhookReceiver.Arrival::at)
                .containsExactly(T0, T0, T0.plusSeconds(60));
    }

    @Test
    void rateLimitRemembersSendsAcrossARestart() {
        Channel channel = channel(null, 1);
        Rule rule = rule(channel);
        String alertId = firingSeries(rule);
        long first = rows.notification(
                rows.event(alertId, rule, 1, "firing", "warning", T0), channel.getId(), "webhook", T0);
        dispatcher.start();
        awaitStatus(first, "sent");
        dispatcher.stop();

        clock.advance(Duration.ofSeconds(10));
        long second = rows.notification(
                rows.event(alertId, rule, 1, "repeat-1", "warning", clock.instant()),
                channel.getId(),
                "webhook",
                clock.instant());
        dispatcher = newDispatcher();
        dispatcher.start();

        await().until(() -> rows.nextAttemptAt(second).equals(T0.plusSeconds(60)));
        assertThat(receiver.arrivals()).hasSize(1);
    }

    @Test
    void notificationLeftInSendingByACrashIsSentAfterARestart() {
        Channel channel = channel(null, 0);
        Rule rule = rule(channel);
        long event = rows.event(firingSeries(rule), rule, 1, "firing", "warning", T0.minusSeconds(5));
        dispatcher.start();
        awaitPass();
        dispatcher.stop();

        // As a dispatcher leaves it when it dies in the middle of the send.
        long id = rows.notification(
                event, channel.getId(), "webhook", "sending", 1, T0.minusSeconds(5), T0.minusSeconds(5));
        dispatcher = newDispatcher();
        dispatcher.start();

        awaitStatus(id, "sent");
        assertThat(receiver.arrivals())
                .singleElement()
                .satisfies(arrival -> assertThat(arrival.idempotencyKey()).endsWith("-" + id));
        assertThat(rows.notificationRow(id)).containsEntry("attempts", 2);
        assertThat(rows.attempts(id)).hasSize(1);
    }

    @Test
    void wakeUpSendsANewRowWithoutWaitingForThePoll() {
        Channel channel = channel(null, 0);
        Rule rule = rule(channel);
        NotificationDispatcher slowPolling = newDispatcher(Duration.ofMinutes(10));
        dispatcher = slowPolling;
        dispatcher.start();
        awaitPass();

        long id = rows.notification(
                rows.event(firingSeries(rule), rule, 1, "firing", "warning", T0), channel.getId(), "webhook", T0);
        dispatcher.wakeUp();

        await().atMost(Duration.ofSeconds(5)).until(() -> rows.status(id).equals("sent"));
    }

    private NotificationDispatcher newDispatcher() {
        return newDispatcher(PROPERTIES.delivery().pollInterval());
    }

    private NotificationDispatcher newDispatcher(Duration pollInterval) {
        AlertProperties.Delivery d = PROPERTIES.delivery();
        AlertProperties properties = new AlertProperties(
                null,
                null,
                null,
                null,
                null,
                null,
                new AlertProperties.Delivery(
                        d.firstRetry(),
                        d.maxRetry(),
                        d.giveUpAfter(),
                        d.timeout(),
                        d.maxPerMinute(),
                        d.allowLinkLocal(),
                        pollInterval,
                        d.concurrentSends()),
                null,
                PROPERTIES.dashboardUrl(),
                null,
                null);
        NotificationLog log = new NotificationLog(
                database.jdbc, new TransactionTemplate(new DataSourceTransactionManager(database.dataSource)));
        NotificationSender sender = new NotificationSender(
                log,
                new RuleStore(JdbcClient.create(database.dataSource)),
                new ChannelStore(JdbcClient.create(database.dataSource), new SecretCipher(SECRETS_KEY)),
                new Deliverer(
                        PROPERTIES,
                        new TargetAddresses(PROPERTIES),
                        new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class)),
                new MqttActions(PROPERTIES, new BrokerPublisher(broker.publisher())),
                new NotificationMetrics(registry),
                clock,
                properties);
        return new NotificationDispatcher(log, sender, clock, properties);
    }

    private Channel channel(QuietHours quietHours, int maxPerMinute) {
        Channel.Builder channel = Channel.newBuilder()
                .setId(AlertRows.newId())
                .setName("hook")
                .setWebhook(WebhookChannel.newBuilder().setUrl(receiver.url()))
                .setMaxPerMinute(maxPerMinute);
        if (quietHours != null) {
            channel.setQuietHours(quietHours);
        }
        Channel built = channel.build();
        rows.channel(built, clock.instant());
        return built;
    }

    private Rule rule(Channel channel) {
        Rule rule = Rule.newBuilder()
                .setId(AlertRows.newId())
                .setName("Freezer too warm")
                .setEnabled(true)
                .setSeverity(Severity.SEVERITY_WARNING)
                .addChannelIds(channel.getId())
                .setTemplate(MessageTemplate.newBuilder().setTitle("Freezer {{state}}"))
                .build();
        rows.rule(rule, clock.instant());
        return rule;
    }

    private String firingSeries(Rule rule) {
        String alertId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        rows.series(alertId, rule.getId(), "firing", 1, clock.instant());
        return alertId;
    }

    private static QuietHours quietNights(boolean criticalBreaksThrough) {
        return QuietHours.newBuilder()
                .setStart("22:00")
                .setEnd("07:00")
                .setTimeZone("Europe/Zurich")
                .setCriticalBreaksThrough(criticalBreaksThrough)
                .build();
    }

    /** Returns once the dispatcher has made a whole pass after this call (at the clock's time now). */
    private void awaitPass() {
        long started = dispatcher.passesStarted();
        dispatcher.wakeUp();
        await().until(() -> dispatcher.passesCompleted() > started);
    }

    private void awaitStatus(long id, String status) {
        await().until(() -> rows.status(id).equals(status));
    }

    private void awaitAttempts(long id, int attempts) {
        await().until(() -> rows.attempts(id).size() == attempts);
    }

    private double count(String name, String tag, String value) {
        var counter = registry.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }
}
