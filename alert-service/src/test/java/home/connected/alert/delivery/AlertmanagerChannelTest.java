package home.connected.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import home.connected.contracts.alert.v1.AlertmanagerChannel;
import home.connected.contracts.alert.v1.Channel;
import home.connected.contracts.alert.v1.WebhookChannel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The Alertmanager kind against a real Alertmanager: the alert shows with its labels, and a
 * RESOLVED notice ends it at the resolve time. Alertmanager's own webhook notifications also
 * show that the webhook kind sends the fields Alertmanager sends.
 */
class AlertmanagerChannelTest {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    static Receiver notifications;
    static AlertmanagerProcess alertmanager;

    @BeforeAll
    static void start() throws IOException {
        notifications = Receiver.start();
        alertmanager = AlertmanagerProcess.start(dir, notifications.url("/from-alertmanager"));
    }

    @AfterAll
    static void stop() {
        if (alertmanager != null) {
            alertmanager.close();
        }
        notifications.close();
    }

    @Test
    void firingShowsWithItsLabelsAndResolvedEndsIt() {
        Deliverer deliverer = Notices.deliverer("http://127.0.0.1:1");
        Channel channel = Channel.newBuilder()
                .setAlertmanager(AlertmanagerChannel.newBuilder().setUrl(alertmanager.url()))
                .build();
        Instant since = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);

        DeliveryOutcome firing =
                deliverer.deliver(channel, Notices.notice(Transition.FIRING, since, since.plusSeconds(30)));

        assertThat(firing.delivered()).as(firing.error()).isTrue();
        JsonNode active = alertmanager.alerts();
        assertThat(active.size()).isEqualTo(1);
        JsonNode alert = active.get(0);
        JsonNode labels = alert.path("labels");
        assertThat(labels.path("alertname").asString()).isEqualTo("Freezer");
        assertThat(labels.path("rule_id").asString()).isEqualTo("rule-1");
        assertThat(labels.path("severity").asString()).isEqualTo("critical");
        assertThat(labels.path("device").asString()).isEqualTo("freezer-1");
        assertThat(labels.path("sensor").asString()).isEqualTo(Notices.HOSTILE);
        assertThat(labels.path("quantity").asString()).isEqualTo("temperature");
        assertThat(labels.path("location").asString()).isEqualTo("basement");
        assertThat(alert.path("annotations").path("summary").asString())
                .isEqualTo("Freezer: " + Notices.HOSTILE + " is firing");
        assertThat(alert.path("status").path("state").asString()).isEqualTo("active");
        assertThat(Instant.parse(alert.path("startsAt").asString())).isEqualTo(since);
        assertThat(Instant.parse(alert.path("endsAt").asString()))
                .isAfter(Instant.now().plus(Duration.ofDays(1)));
        assertThat(alert.path("generatorURL").asString()).isEqualTo(Notices.LINK);
        assertThat(notificationWithStatus("firing")
                        .path("alerts")
                        .get(0)
                        .path("labels")
                        .path("rule_id")
                        .asString())
                .isEqualTo("rule-1");

        Instant resolvedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DeliveryOutcome resolved = deliverer.deliver(channel, Notices.notice(Transition.RESOLVED, since, resolvedAt));

        assertThat(resolved.delivered()).as(resolved.error()).isTrue();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> alertmanager.alerts().isEmpty());
        JsonNode ended = notificationWithStatus("resolved").path("alerts").get(0);
        assertThat(ended.path("status").asString()).isEqualTo("resolved");
        assertThat(Instant.parse(ended.path("endsAt").asString())).isEqualTo(resolvedAt);
        assertThat(Instant.parse(ended.path("startsAt").asString())).isEqualTo(since);
    }

    @Test
    void webhookKindSendsTheFieldsAlertmanagerSends() {
        Instant since = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        Notice notice = new Notice(
                "fedcba9876543210",
                7,
                "rule-2",
                "Humidity",
                Notices.firing().severity(),
                Transition.FIRING,
                1,
                "bath-1",
                "hum",
                "humidity",
                "bath",
                "%",
                81,
                "80",
                "above 80",
                since,
                since,
                Notices.LINK,
                Notices.TEMPLATE);
        Deliverer deliverer = Notices.deliverer("http://127.0.0.1:1");
        deliverer.deliver(
                Channel.newBuilder()
                        .setAlertmanager(AlertmanagerChannel.newBuilder().setUrl(alertmanager.url()))
                        .build(),
                notice);
        JsonNode theirs = notificationWithStatus("firing", "rule-2");

        try (Receiver ours = Receiver.start()) {
            deliverer.deliver(
                    Channel.newBuilder()
                            .setWebhook(WebhookChannel.newBuilder().setUrl(ours.url("/hook")))
                            .build(),
                    notice);
            JsonNode mine = ours.take().json();

            assertThat(names(mine)).containsAll(names(theirs));
            assertThat(names(mine.path("alerts").get(0)))
                    .containsAll(names(theirs.path("alerts").get(0)));
            assertThat(mine.path("version").asString())
                    .isEqualTo(theirs.path("version").asString());
            assertThat(mine.path("alerts").get(0).path("endsAt").asString())
                    .isEqualTo(theirs.path("alerts").get(0).path("endsAt").asString());
            assertThat(mine.path("alerts").get(0).path("labels"))
                    .isEqualTo(theirs.path("alerts").get(0).path("labels"));
        }
    }

    /** The next notification Alertmanager sends with that status (and rule), skipping others. */
    private static JsonNode notificationWithStatus(String status, String... ruleId) {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            JsonNode json = notifications.take(Duration.ofSeconds(15)).json();
            String rule = json.path("commonLabels").path("rule_id").asString();
            if (json.path("status").asString().equals(status) && (ruleId.length == 0 || rule.equals(ruleId[0]))) {
                return json;
            }
        }
        throw new AssertionError("Alertmanager sent no " + status + " notification");
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.properties().forEach(e -> names.add(e.getKey()));
        return names;
    }
}
