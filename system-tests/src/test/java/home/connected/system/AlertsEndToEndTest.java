package home.connected.system;

import static home.connected.system.DevicePublisher.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import home.connected.contracts.alert.v1.Alert;
import home.connected.contracts.alert.v1.AlertState;
import home.connected.contracts.alert.v1.Channel;
import home.connected.contracts.alert.v1.Comparison;
import home.connected.contracts.alert.v1.ListAlertEventsResponse;
import home.connected.contracts.alert.v1.ListAlertsResponse;
import home.connected.contracts.alert.v1.Rule;
import home.connected.contracts.alert.v1.SensorSelector;
import home.connected.contracts.alert.v1.Severity;
import home.connected.contracts.alert.v1.Threshold;
import home.connected.contracts.alert.v1.WebhookChannel;
import home.connected.contracts.auth.v1.CreateUserRequest;
import home.connected.contracts.auth.v1.User;
import home.connected.testing.RunningSystem;
import home.connected.testing.ServiceProcess;
import home.connected.testing.WebhookReceiver;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Alerts as a household sets them up: a channel and a rule made over REST through the gateway, a
 * device publishing over MQTT, ingest storing, alert-service evaluating what ingest announced and a
 * webhook receiving the notifications — once each, also when the leading replica is killed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertsEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private RunningSystem system;
    private Rest rest;
    private String adminToken;
    private WebhookReceiver hook;
    private String channelId;

    @BeforeAll
    void start() throws Exception {
        system = new RunningSystem(
                "alert-system-test", UUID.randomUUID().toString().substring(0, 8));
        rest = new Rest(system.gatewayHttp());
        adminToken = login(system.adminUser(), system.adminPassword());
        hook = new WebhookReceiver();
        channelId = rest.ok(
                        "POST",
                        "/api/v1/alert-channels",
                        adminToken,
                        Channel.newBuilder()
                                .setName("test hook")
                                .setWebhook(WebhookChannel.newBuilder().setUrl(hook.url()))
                                .build(),
                        Channel.newBuilder())
                .getId();
    }

    @AfterAll
    void stop() {
        if (hook != null) {
            hook.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aFreezerTooWarmIsToldOnceAndItsResolveOnce() throws Exception {
        String device = "freezer-" + UUID.randomUUID().toString().substring(0, 6);
        Rule rule = freezerRule(device);
        Instant t0 = Instant.now().minusSeconds(5);

        try (DevicePublisher freezer = DevicePublisher.provision(rest, adminToken, device)) {
            // Around the threshold: -14 fires, -14.5 and -15.5 stay within the hysteresis, -16.5 clears.
            double[] values = {-20, -14, -14.5, -13, -15.5, -16.5};
            for (int i = 0; i < values.length; i++) {
                freezer.publish("{\"readings\":[" + reading("temperature", values[i], "°C", t0.plusSeconds(i)) + "]}");
            }
        }

        await().atMost(PATIENCE).until(() -> hook.bodiesWith(device).size() == 2);
        List<String> told = hook.bodiesWith(device);
        assertThat(told.get(0)).contains("\"status\":\"firing\"").contains("\"value\":\"-14\"");
        assertThat(told.get(1)).contains("\"status\":\"resolved\"");

        ListAlertEventsResponse events = rest.ok(
                        "GET",
                        "/api/v1/alert-events?ruleId=" + rule.getId(),
                        adminToken,
                        null,
                        ListAlertEventsResponse.newBuilder())
                .build();
        assertThat(events.getEventsList()).hasSize(2);
        assertThat(events.getEvents(0).getTransition()).isEqualTo("resolved");
        assertThat(events.getEvents(1).getDeliveriesList())
                .singleElement()
                .satisfies(delivery -> assertThat(delivery.getDelivered()).isTrue());
        Alert alert = rest.ok(
                        "GET",
                        "/api/v1/alerts?ruleId=" + rule.getId() + "&includeOk=true",
                        adminToken,
                        null,
                        ListAlertsResponse.newBuilder())
                .getAlerts(0);
        assertThat(alert.getState()).isEqualTo(AlertState.ALERT_STATE_OK);
        assertThat(alert.getEpisode()).isEqualTo(1);
    }

    @Test
    void aGuestSeesAlertsButCannotChangeThem() {
        String username = "guest-" + UUID.randomUUID().toString().substring(0, 8);
        String password = UUID.randomUUID().toString();
        rest.ok(
                "POST",
                "/api/v1/users",
                adminToken,
                CreateUserRequest.newBuilder()
                        .setUsername(username)
                        .setDisplayName("A guest")
                        .setPassword(password)
                        .addGroups("guests")
                        .build(),
                User.newBuilder());
        String guest = login(username, password);
        assertThat(rest.call("GET", "/api/v1/alert-rules", guest, null).statusCode())
                .isEqualTo(200);
        assertThat(rest.call("GET", "/api/v1/alert-events", guest, null).statusCode())
                .isEqualTo(200);
        assertThat(rest.call("POST", "/api/v1/alert-rules", guest, freezerRuleDefinition("x")))
                .satisfies(refused -> {
                    assertThat(refused.statusCode()).isEqualTo(403);
                    assertThat(refused.body()).contains("alerts:manage");
                });
        assertThat(rest.call("POST", "/api/v1/alert-channels/" + channelId + ":test", guest, null)
                        .statusCode())
                .isEqualTo(403);
    }

    /** Last: the replica the gateway calls may be the one killed. */
    @Test
    @Order(Integer.MAX_VALUE)
    void whenTheLeaderIsKilledTheStandbyTakesOverWithoutDuplicatesOrLosses() throws Exception {
        ServiceProcess second = system.startAlertReplica("alert-service-2", ServiceProcess.freePort());
        second.awaitReady();
        ServiceProcess first = system.services().get("alert-service");
        String device = "cellar-" + UUID.randomUUID().toString().substring(0, 6);
        freezerRule(device);
        Instant t0 = Instant.now().minusSeconds(5);
        try (DevicePublisher freezer = DevicePublisher.provision(rest, adminToken, device)) {
            freezer.publish("{\"readings\":[" + reading("temperature", -10, "°C", t0) + "]}");
            await().atMost(PATIENCE).until(() -> hook.bodiesWith(device).size() == 1);

            ServiceProcess leader = leads(first) ? first : second;
            ServiceProcess standby = leader == first ? second : first;
            leader.kill();
            // Published while nobody leads: the standby reads it back from InfluxDB when it takes over.
            freezer.publish("{\"readings\":[" + reading("temperature", -20, "°C", t0.plusSeconds(1)) + "]}");

            await().atMost(Duration.ofSeconds(15)).until(() -> leads(standby));
            await().atMost(PATIENCE).until(() -> hook.bodiesWith(device).size() == 2);
            freezer.publish("{\"readings\":[" + reading("temperature", -9, "°C", t0.plusSeconds(2)) + "]}");
            await().atMost(PATIENCE).until(() -> hook.bodiesWith(device).size() == 3);
        }
        List<String> told = hook.bodiesWith(device);
        assertThat(told.get(0)).contains("\"status\":\"firing\"");
        assertThat(told.get(1)).contains("\"status\":\"resolved\"");
        assertThat(told.get(2)).contains("\"status\":\"firing\"");
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> hook.bodiesWith(device).size() == 3);
    }

    private Rule freezerRule(String device) {
        return rest.ok("POST", "/api/v1/alert-rules", adminToken, freezerRuleDefinition(device), Rule.newBuilder())
                .build();
    }

    private Rule freezerRuleDefinition(String device) {
        return Rule.newBuilder()
                .setName("Freezer too warm")
                .setEnabled(true)
                .setSelector(SensorSelector.newBuilder().setDeviceId(device).setQuantity("temperature"))
                .setThreshold(Threshold.newBuilder()
                        .setComparison(Comparison.COMPARISON_ABOVE)
                        .setValue(-15)
                        .setHysteresis(1))
                .setSeverity(Severity.SEVERITY_CRITICAL)
                .addChannelIds(channelId)
                .build();
    }

    /** Whether the replica says it evaluates the rules (its alert_leader gauge). */
    private boolean leads(ServiceProcess replica) {
        try {
            HttpResponse<String> metrics = rest.client()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://127.0.0.1:" + replica.httpPort() + "/actuator/prometheus"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return metrics.body().lines().anyMatch(line -> line.startsWith("alert_leader") && line.endsWith(" 1.0"));
        } catch (Exception e) {
            return false;
        }
    }

    private String login(String username, String password) {
        return rest.login(username, password);
    }
}
