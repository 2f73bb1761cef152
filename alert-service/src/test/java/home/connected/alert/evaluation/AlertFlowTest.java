package home.connected.alert.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.Durations;
import home.connected.contracts.alert.v1.AlertState;
import home.connected.contracts.alert.v1.Channel;
import home.connected.contracts.alert.v1.Comparison;
import home.connected.contracts.alert.v1.ListAlertsRequest;
import home.connected.contracts.alert.v1.MqttAction;
import home.connected.contracts.alert.v1.NoData;
import home.connected.contracts.alert.v1.RateOfChange;
import home.connected.contracts.alert.v1.Rule;
import home.connected.contracts.alert.v1.SensorSelector;
import home.connected.contracts.alert.v1.Threshold;
import home.connected.contracts.alert.v1.WebhookChannel;
import home.connected.testing.OnMessage;
import home.connected.testing.WebhookReceiver;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole service on real parts: rules made over gRPC, readings announced on the broker (and
 * stored in InfluxDB) as ingest does, notifications received by a real HTTP receiver and actions by
 * a real subscriber — across restarts, with nothing doubled and nothing lost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertFlowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final RunningAlertService service = new RunningAlertService();
    private WebhookReceiver hook;
    private StoredAnnouncer announcer;
    private String channelId;

    @BeforeAll
    void start() throws Exception {
        hook = new WebhookReceiver();
        announcer = new StoredAnnouncer();
        service.start();
        channelId = service.api()
                .createChannel(Channel.newBuilder()
                        .setName("hook")
                        .setWebhook(WebhookChannel.newBuilder().setUrl(hook.url()))
                        .build())
                .getId();
    }

    @AfterAll
    void stop() throws Exception {
        service.close();
        announcer.close();
        hook.close();
    }

    @Test
    void aValueFlappingAroundTheThresholdIsOneEpisode() throws Exception {
        String device = device();
        rule(device, threshold(30, Duration.ZERO, 2));
        Instant t = Instant.now();

        double[] values = {29, 31, 29.5, 30.5, 28.5, 31, 29, 27.9, 29};
        for (int i = 0; i < values.length; i++) {
            announcer.announce(device, "probe", values[i], t.plusMillis(i * 100L));
        }

        await().atMost(PATIENCE).until(() -> told(device).size() == 2);
        assertThat(told(device)).containsExactly("firing", "resolved");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> told(device).size() == 2);
    }

    @Test
    void aFastRiseFiresTheRateOfChangeRule() throws Exception {
        String device = device();
        rule(
                device,
                Rule.newBuilder()
                        .setRateOfChange(
                                RateOfChange.newBuilder().setMaxChange(5).setPer(Durations.fromSeconds(60))));
        Instant t = Instant.now();

        announcer.announce(device, "probe", 20, t);
        announcer.announce(device, "probe", 23, t.plusSeconds(1));
        assertThat(told(device)).isEmpty();
        announcer.announce(device, "probe", 26, t.plusSeconds(2));

        await().atMost(PATIENCE).until(() -> told(device).equals(List.of("firing")));
    }

    @Test
    void aPendingForSurvivesARestartAndFiresOnce() throws Exception {
        String device = device();
        Rule rule = rule(device, threshold(30, Duration.ofSeconds(3), 0));
        announcer.announce(device, "probe", 35, Instant.now());
        await().atMost(PATIENCE).until(() -> state(rule) == AlertState.ALERT_STATE_PENDING);

        service.stop();
        service.start();

        // No reading since: only the stored pending clock can make it fire.
        await().atMost(PATIENCE).until(() -> told(device).equals(List.of("firing")));
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> told(device).size() == 1);
    }

    @Test
    void aFiringAlertIsNotToldAgainAfterARestartAndItsResolveIsToldOnce() throws Exception {
        String device = device();
        Rule rule = rule(device, threshold(30, Duration.ZERO, 1));
        Instant t = Instant.now();
        announcer.announce(device, "probe", 35, t);
        await().atMost(PATIENCE).until(() -> told(device).equals(List.of("firing")));

        service.stop();
        service.start();
        await().atMost(PATIENCE).until(() -> service.bean(EvaluationLoop.class).evaluates(rule.getId()));
        await().atMost(PATIENCE).until(service::following);
        // Stored, then announced, as ingest does: the broker connection may not be back yet.
        announcer.stored(device, "probe", 36, t.plusSeconds(1));
        announcer.stored(device, "probe", 28, t.plusSeconds(2));

        await().atMost(PATIENCE).until(() -> told(device), List.of("firing", "resolved")::equals);
        assertThat(state(rule)).isEqualTo(AlertState.ALERT_STATE_OK);
    }

    @Test
    void aNoDataTimerSurvivesARestart() throws Exception {
        String device = device();
        Rule rule = rule(device, Rule.newBuilder().setNoData(NoData.newBuilder().setAfter(Durations.fromSeconds(4))));
        announcer.announce(device, "probe", 20, Instant.now());
        await().atMost(PATIENCE).until(() -> alerts(device) == 1);

        service.stop();
        service.start();

        // The reading was only announced, never stored: after the restart only the stored timer knows the series.
        await().atMost(PATIENCE).until(() -> told(device).equals(List.of("firing")));
        await().atMost(PATIENCE).until(() -> service.bean(EvaluationLoop.class).evaluates(rule.getId()));
        announcer.stored(device, "probe", 21, Instant.now());
        await().atMost(PATIENCE).until(() -> told(device).equals(List.of("firing", "resolved")));
    }

    @Test
    void aDeviceGoingOfflineFiresItsNoDataRule() throws Exception {
        String device = device();
        rule(device, Rule.newBuilder().setNoData(NoData.newBuilder().setAfter(Durations.fromSeconds(3600))));
        announcer.announce(device, "probe", 20, Instant.now());
        await().atMost(PATIENCE).until(() -> alerts(device) == 1);

        announcer.status(device, "offline");

        await().atMost(PATIENCE).until(() -> told(device).equals(List.of("firing")));
        announcer.status(device, "online");
        await().atMost(PATIENCE).until(() -> told(device).equals(List.of("firing", "resolved")));
    }

    @Test
    void aCrossingStoredWhileTheServiceWasDownFiresOnceAfterItStarts() throws Exception {
        String device = device();
        rule(device, threshold(30, Duration.ZERO, 0));

        service.stop();
        announcer.store(device, "probe", 40, Instant.now());
        service.start();

        await().atMost(PATIENCE).until(() -> told(device).equals(List.of("firing")));
        service.stop();
        service.start();
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> told(device).size() == 1);
    }

    @Test
    void aNewRuleAppliesToWhatWasStoredBeforeTheLeaderNoticedIt() throws Exception {
        String device = device();
        announcer.store(device, "probe", 45, Instant.now().minusSeconds(1));

        // Not waiting for the leader to load the rule: it reads back what was stored since its last look.
        service.api()
                .createRule(threshold(30, Duration.ZERO, 0)
                        .setName("rule for " + device)
                        .setEnabled(true)
                        .setSelector(SensorSelector.newBuilder().setDeviceId(device))
                        .addChannelIds(channelId)
                        .build());

        await().atMost(PATIENCE).until(() -> told(device).equals(List.of("firing")));
    }

    @Test
    void anActionPublishesItsPayloadsToASubscriber() throws Exception {
        String device = device();
        String topic = "connected-home/v1/actions/" + device + "/fan";
        List<String> received = new CopyOnWriteArrayList<>();
        announcer
                .client()
                .setCallback(new OnMessage((t, message) ->
                        received.add(t + " " + new String(message.getPayload(), StandardCharsets.UTF_8))));
        announcer.client().subscribe(topic, 1).waitForCompletion(10_000);
        rule(
                device,
                threshold(30, Duration.ZERO, 0)
                        .addActions(MqttAction.newBuilder()
                                .setTopic(topic)
                                .setFiringPayload("ON {{value}}")
                                .setResolvedPayload("OFF")
                                .setQos(1)));
        Instant t = Instant.now();

        announcer.announce(device, "probe", 31, t);
        await().atMost(PATIENCE).until(() -> received.equals(List.of(topic + " ON 31")));
        announcer.announce(device, "probe", 29, t.plusSeconds(1));

        await().atMost(PATIENCE).until(() -> received.equals(List.of(topic + " ON 31", topic + " OFF")));
    }

    @Test
    void anActionOnAReadingsStatusOrBrokerTopicIsRefusedWhenTheRuleIsMade() {
        for (String topic : List.of(
                "connected-home/v1/devices/kitchen/readings",
                "connected-home/v1/devices/kitchen/status",
                "connected-home/v1/stored/kitchen/readings",
                "$CONTROL/dynamic-security/v1",
                "zigbee2mqtt/kitchen-plug",
                "tele/plug/SENSOR",
                "cmnd/#",
                "lights/on")) {
            StatusRuntimeException refused = catchThrowableOfType(
                    StatusRuntimeException.class,
                    () -> service.api()
                            .createRule(threshold(30, Duration.ZERO, 0)
                                    .setName("bad action")
                                    .setEnabled(true)
                                    .addActions(MqttAction.newBuilder()
                                            .setTopic(topic)
                                            .setFiringPayload("ON"))
                                    .build()));
            assertThat(refused).as(topic).isNotNull();
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(refused.getStatus().getDescription()).startsWith("actions[0].topic: ");
        }
        assertThat(service.api()
                        .listRules(com.google.protobuf.Empty.getDefaultInstance())
                        .getRulesList())
                .noneMatch(rule -> rule.getName().equals("bad action"));
    }

    /** Creates the rule and waits until the leader evaluates it (rules are reloaded every tick). */
    private Rule rule(String device, Rule.Builder rule) {
        Rule created = service.api()
                .createRule(rule.setName("rule for " + device)
                        .setEnabled(true)
                        .setSelector(SensorSelector.newBuilder().setDeviceId(device))
                        .addChannelIds(channelId)
                        .build());
        await().atMost(PATIENCE).until(() -> service.bean(EvaluationLoop.class).evaluates(created.getId()));
        await().atMost(PATIENCE).until(service::following);
        return created;
    }

    private static Rule.Builder threshold(double value, Duration forDuration, double hysteresis) {
        return Rule.newBuilder()
                .setThreshold(Threshold.newBuilder()
                        .setComparison(Comparison.COMPARISON_ABOVE)
                        .setValue(value)
                        .setForDuration(Durations.fromMillis(forDuration.toMillis()))
                        .setHysteresis(hysteresis));
    }

    private AlertState state(Rule rule) {
        return service
                .api()
                .listAlerts(ListAlertsRequest.newBuilder()
                        .setRuleId(rule.getId())
                        .setIncludeOk(true)
                        .build())
                .getAlertsList()
                .stream()
                .findFirst()
                .map(alert -> alert.getState())
                .orElse(AlertState.ALERT_STATE_UNSPECIFIED);
    }

    /** The series of the device's rules that are stored (any state). */
    private long alerts(String device) {
        return service
                .api()
                .listAlerts(ListAlertsRequest.newBuilder().setIncludeOk(true).build())
                .getAlertsList()
                .stream()
                .filter(alert -> alert.getDeviceId().equals(device))
                .count();
    }

    /** firing or resolved, for every webhook notification about the device, in arrival order. */
    private List<String> told(String device) {
        return hook.bodiesWith("\"device\":\"" + device + "\"").stream()
                .map(body -> body.contains("\"status\":\"resolved\"") ? "resolved" : "firing")
                .toList();
    }

    private static String device() {
        return "flow-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
