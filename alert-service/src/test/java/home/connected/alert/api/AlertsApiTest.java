package home.connected.alert.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;
import home.connected.contracts.alert.v1.Alert;
import home.connected.contracts.alert.v1.AlertEvent;
import home.connected.contracts.alert.v1.AlertRef;
import home.connected.contracts.alert.v1.AlertState;
import home.connected.contracts.alert.v1.Comparison;
import home.connected.contracts.alert.v1.Delivery;
import home.connected.contracts.alert.v1.ListAlertEventsRequest;
import home.connected.contracts.alert.v1.ListAlertEventsResponse;
import home.connected.contracts.alert.v1.ListAlertsRequest;
import home.connected.contracts.alert.v1.Rule;
import home.connected.contracts.alert.v1.SensorSelector;
import home.connected.contracts.alert.v1.Severity;
import home.connected.contracts.alert.v1.SilenceRequest;
import home.connected.contracts.alert.v1.Threshold;
import io.grpc.Status;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertsApiTest extends AlertServiceTest {

    static final String FIRING = "f000000000000001";
    static final String PENDING = "f000000000000002";
    static final String OK = "f000000000000003";
    static final String OTHER = "f000000000000004";

    Rule rule;
    Rule other;

    @BeforeEach
    void seriesOfTwoRules() {
        clearAll();
        rule = manager().createRule(rule("Freezer too warm", Severity.SEVERITY_CRITICAL));
        other = manager().createRule(rule("Cellar damp", Severity.SEVERITY_UNSPECIFIED));
        insertSeries(FIRING, rule.getId(), "firing", 3, "freezer-1");
        insertSeries(PENDING, rule.getId(), "pending", 0, "freezer-2");
        insertSeries(OK, rule.getId(), "ok", 1, "freezer-3");
        insertSeries(OTHER, other.getId(), "firing", 1, "cellar-1");
    }

    @Test
    void listsPendingAndFiringAlertsAndOnRequestTheOkOnes() {
        assertThat(reader().listAlerts(ListAlertsRequest.getDefaultInstance()).getAlertsList())
                .extracting(Alert::getId)
                .containsExactlyInAnyOrder(FIRING, PENDING, OTHER);
        assertThat(reader().listAlerts(ListAlertsRequest.newBuilder()
                                .setIncludeOk(true)
                                .build())
                        .getAlertsList())
                .extracting(Alert::getId)
                .containsExactlyInAnyOrder(FIRING, PENDING, OK, OTHER);
        assertThat(reader().listAlerts(ListAlertsRequest.newBuilder()
                                .setRuleId(rule.getId())
                                .setIncludeOk(true)
                                .build())
                        .getAlertsList())
                .extracting(Alert::getId)
                .containsExactlyInAnyOrder(FIRING, PENDING, OK);

        Alert firing = reader().getAlert(ref(FIRING));
        assertThat(firing.getRuleId()).isEqualTo(rule.getId());
        assertThat(firing.getRuleName()).isEqualTo("Freezer too warm");
        assertThat(firing.getState()).isEqualTo(AlertState.ALERT_STATE_FIRING);
        assertThat(firing.getSeverity()).isEqualTo(Severity.SEVERITY_CRITICAL);
        assertThat(firing.getDeviceId()).isEqualTo("freezer-1");
        assertThat(firing.getSensor()).isEqualTo("sht31");
        assertThat(firing.getQuantity()).isEqualTo("temperature");
        assertThat(firing.getLocation()).isEqualTo("kitchen");
        assertThat(firing.getUnit()).isEqualTo("°C");
        assertThat(firing.getValue()).isEqualTo(31.5);
        assertThat(firing.getEpisode()).isEqualTo(3);
        assertThat(firing.getReason()).isEqualTo("above 30");
        assertThat(firing.hasSince()).isTrue();
        assertThat(firing.getLastReadingAt()).isEqualTo(firing.getSince());
        assertThat(firing.getAcknowledgedBy()).isEmpty();
        assertThat(reader().getAlert(ref(PENDING)).getState()).isEqualTo(AlertState.ALERT_STATE_PENDING);
        assertThat(reader().getAlert(ref(OK)).getState()).isEqualTo(AlertState.ALERT_STATE_OK);
        assertThat(reader().getAlert(ref(OTHER)).getSeverity()).isEqualTo(Severity.SEVERITY_WARNING);
        assertRefused(
                Status.Code.NOT_FOUND, "no alert 0000000000000000", () -> reader().getAlert(ref("0000000000000000")));
        assertRefused(Status.Code.INVALID_ARGUMENT, "id is required", () -> reader().getAlert(ref("")));
    }

    @Test
    void anAckRecordsWhoAndWhenForTheCurrentEpisode() {
        Instant before = Instant.now().minusSeconds(1);

        Alert acked = manager().acknowledgeAlert(ref(FIRING));

        Instant after = Instant.now().plusSeconds(1);
        assertThat(acked.getAcknowledgedBy()).isEqualTo("tester");
        assertThat(instant(acked.getAcknowledgedAt())).isBetween(before, after);
        assertThat(reader().getAlert(ref(FIRING))).isEqualTo(acked);
        Map<String, Object> control = jdbc.sql("SELECT * FROM alert_series_control WHERE alert_id = ?")
                .param(FIRING)
                .query()
                .singleRow();
        assertThat(control)
                .containsEntry("rule_id", rule.getId())
                .containsEntry("acked_episode", 3L)
                .containsEntry("acked_by", "tester");

        assertThat(manager().acknowledgeAlert(ref(FIRING)))
                .as("acknowledging again changes nothing")
                .isEqualTo(acked);

        // The next episode is not acknowledged by the ack of the last one.
        jdbc.sql("UPDATE alert_series SET episode = 4 WHERE alert_id = ?")
                .param(FIRING)
                .update();
        assertThat(reader().getAlert(ref(FIRING)).getAcknowledgedBy()).isEmpty();
        assertThat(manager().acknowledgeAlert(ref(FIRING)).getAcknowledgedBy()).isEqualTo("tester");
        assertThat(jdbc.sql("SELECT acked_episode FROM alert_series_control WHERE alert_id = ?")
                        .param(FIRING)
                        .query(Long.class)
                        .single())
                .isEqualTo(4L);
    }

    @Test
    void onlyAFiringAlertCanBeAcknowledged() {
        assertRefused(
                Status.Code.FAILED_PRECONDITION,
                "only a firing alert can be acknowledged",
                () -> manager().acknowledgeAlert(ref(PENDING)));
        assertRefused(
                Status.Code.FAILED_PRECONDITION,
                "only a firing alert can be acknowledged",
                () -> manager().acknowledgeAlert(ref(OK)));
        assertRefused(Status.Code.NOT_FOUND, "no alert", () -> manager().acknowledgeAlert(ref("ffffffffffffffff")));
    }

    @Test
    void aSilenceOfOneSeriesIsSetAndLiftedAndKeepsTheAck() {
        manager().acknowledgeAlert(ref(FIRING));
        Instant until = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);

        Alert silenced = manager().silenceAlert(silence(FIRING, until));

        assertThat(instant(silenced.getSilencedUntil())).isEqualTo(until);
        assertThat(silenced.getAcknowledgedBy()).isEqualTo("tester");
        assertThat(reader().getAlert(ref(FIRING))).isEqualTo(silenced);
        assertThat(manager()
                        .silenceAlert(silence(FIRING, Instant.now().minusSeconds(60)))
                        .hasSilencedUntil())
                .isFalse();
        Alert pendingSilenced = manager().silenceAlert(silence(PENDING, until));
        assertThat(instant(pendingSilenced.getSilencedUntil())).isEqualTo(until);
        assertThat(manager()
                        .silenceAlert(SilenceRequest.newBuilder().setId(PENDING).build())
                        .hasSilencedUntil())
                .isFalse();
        assertRefused(
                Status.Code.NOT_FOUND, "no alert", () -> manager().silenceAlert(silence("ffffffffffffffff", until)));
    }

    @Test
    void aReaderMayListButNotAcknowledgeOrSilence() {
        assertThat(reader().listAlerts(ListAlertsRequest.getDefaultInstance()).getAlertsCount())
                .isEqualTo(3);
        assertThat(reader().listAlertEvents(ListAlertEventsRequest.getDefaultInstance())
                        .getEventsCount())
                .isZero();
        assertRefused(Status.Code.PERMISSION_DENIED, "", () -> reader().acknowledgeAlert(ref(FIRING)));
        assertRefused(
                Status.Code.PERMISSION_DENIED,
                "",
                () -> reader().silenceAlert(silence(FIRING, Instant.now().plusSeconds(600))));
    }

    @Test
    void eventsComeNewestFirstInPagesWithTheirDeliveries() {
        List<Long> ids = new ArrayList<>();
        ids.add(insertEvent(FIRING, rule, 1, "firing", 31.5));
        ids.add(insertEvent(FIRING, rule, 1, "repeat-1", 32.0));
        ids.add(insertEvent(FIRING, rule, 1, "repeat-2", null));
        ids.add(insertEvent(FIRING, rule, 1, "resolved", 28.0));
        ids.add(insertEvent(OTHER, other, 1, "firing", 80.0));
        ids.add(insertEvent(FIRING, rule, 2, "firing", 33.0));
        ids.add(insertEvent(OTHER, other, 1, "resolved", 60.0));
        // ahead of the clock: a retrying row already due would be retried by the running dispatcher
        Instant attempted = Instant.parse("2099-01-02T03:04:05.123456Z");
        long sent = insertNotification(ids.get(0), "channel-a", "webhook", "sent", 2, 200, "", attempted);
        long failed =
                insertNotification(ids.get(0), "action-0", "mqtt", "retrying", 3, 0, "broker unreachable", attempted);

        ListAlertEventsResponse first = reader().listAlertEvents(page(3, ""));
        ListAlertEventsResponse second = reader().listAlertEvents(page(3, first.getNextPageToken()));
        ListAlertEventsResponse third = reader().listAlertEvents(page(3, second.getNextPageToken()));

        assertThat(first.getEventsList())
                .extracting(AlertEvent::getId)
                .containsExactly(id(ids, 6), id(ids, 5), id(ids, 4));
        assertThat(first.getNextPageToken()).isEqualTo(id(ids, 4));
        assertThat(second.getEventsList())
                .extracting(AlertEvent::getId)
                .containsExactly(id(ids, 3), id(ids, 2), id(ids, 1));
        assertThat(third.getEventsList()).extracting(AlertEvent::getId).containsExactly(id(ids, 0));
        assertThat(third.getNextPageToken()).isEmpty();
        assertThat(reader().listAlertEvents(ListAlertEventsRequest.getDefaultInstance())
                        .getEventsCount())
                .isEqualTo(7);

        AlertEvent repeat = second.getEvents(1);
        assertThat(repeat.getTransition()).isEqualTo("repeat");
        assertThat(repeat.getState()).isEqualTo(AlertState.ALERT_STATE_FIRING);
        assertThat(repeat.getValue()).isNaN();
        assertThat(second.getEvents(0).getState()).isEqualTo(AlertState.ALERT_STATE_RESOLVED);
        assertThat(second.getEvents(0).getTransition()).isEqualTo("resolved");

        AlertEvent firing = third.getEvents(0);
        assertThat(firing.getAlertId()).isEqualTo(FIRING);
        assertThat(firing.getRuleId()).isEqualTo(rule.getId());
        assertThat(firing.getRuleName()).isEqualTo("Freezer too warm");
        assertThat(firing.getSeverity()).isEqualTo(Severity.SEVERITY_CRITICAL);
        assertThat(firing.getEpisode()).isEqualTo(1);
        assertThat(firing.getTransition()).isEqualTo("firing");
        assertThat(firing.getState()).isEqualTo(AlertState.ALERT_STATE_FIRING);
        assertThat(firing.getDeviceId()).isEqualTo("freezer-1");
        assertThat(firing.getSensor()).isEqualTo("sht31");
        assertThat(firing.getQuantity()).isEqualTo("temperature");
        assertThat(firing.getLocation()).isEqualTo("kitchen");
        assertThat(firing.getUnit()).isEqualTo("°C");
        assertThat(firing.getValue()).isEqualTo(31.5);
        assertThat(firing.getTitle()).isEqualTo("Freezer too warm: firing");
        assertThat(firing.getBody()).isEqualTo("freezer-1 is at 31.5");
        assertThat(firing.hasAt()).isTrue();
        assertThat(firing.getDeliveriesList())
                .containsExactly(
                        Delivery.newBuilder()
                                .setChannelId("channel-a")
                                .setChannelKind("webhook")
                                .setStatus("sent")
                                .setDelivered(true)
                                .setAttempts(2)
                                .setResponseCode(200)
                                .setLastAttemptAt(timestamp(attempted))
                                .build(),
                        Delivery.newBuilder()
                                .setChannelId("action-0")
                                .setChannelKind("mqtt")
                                .setStatus("retrying")
                                .setAttempts(3)
                                .setError("broker unreachable")
                                .setLastAttemptAt(timestamp(attempted))
                                .setNextAttemptAt(timestamp(attempted.plusSeconds(30)))
                                .build());
        assertThat(sent).isLessThan(failed);

        assertThat(reader().listAlertEvents(ListAlertEventsRequest.newBuilder()
                                .setRuleId(other.getId())
                                .build())
                        .getEventsList())
                .extracting(AlertEvent::getId)
                .containsExactly(id(ids, 6), id(ids, 4));
        assertThat(reader().listAlertEvents(ListAlertEventsRequest.newBuilder()
                                .setAlertId(FIRING)
                                .setPageSize(2)
                                .build())
                        .getEventsList())
                .extracting(AlertEvent::getId)
                .containsExactly(id(ids, 5), id(ids, 3));
    }

    @Test
    void badPagingIsRefused() {
        assertRefused(
                Status.Code.INVALID_ARGUMENT,
                "page_size must be between 1 and 200",
                () -> reader().listAlertEvents(page(201, "")));
        assertRefused(
                Status.Code.INVALID_ARGUMENT,
                "page_size must be between 1 and 200",
                () -> reader().listAlertEvents(page(-1, "")));
        assertRefused(
                Status.Code.INVALID_ARGUMENT,
                "page_token is not one this service gave out",
                () -> reader().listAlertEvents(page(10, "abc")));
        assertRefused(
                Status.Code.INVALID_ARGUMENT,
                "page_token is not one this service gave out",
                () -> reader().listAlertEvents(page(10, "-5")));
    }

    private long insertEvent(String alertId, Rule of, long episode, String transition, Double value) {
        Alert series = reader().getAlert(ref(alertId));
        java.sql.Timestamp now = java.sql.Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
        jdbc.sql("INSERT INTO alert_event (alert_id, rule_id, rule_name, episode, transition, severity, device_id,"
                        + " sensor, quantity, location, unit, value, threshold, reason, since, at, title, body) VALUES"
                        + " (?, ?, ?, ?, ?, ?, ?, 'sht31', 'temperature', 'kitchen', '°C', ?, '30', 'above 30', ?, ?,"
                        + " ?, ?)")
                .params(
                        alertId,
                        of.getId(),
                        of.getName(),
                        episode,
                        transition,
                        of.getSeverity() == Severity.SEVERITY_CRITICAL ? "critical" : "warning",
                        series.getDeviceId(),
                        value,
                        now,
                        now,
                        of.getName() + ": firing",
                        series.getDeviceId() + " is at " + value)
                .update();
        return jdbc.sql("SELECT MAX(id) FROM alert_event").query(Long.class).single();
    }

    private long insertNotification(
            long eventId, String target, String kind, String status, int attempts, int code, String error, Instant at) {
        jdbc.sql(
                        "INSERT INTO alert_notification (event_id, target, channel_kind, status, attempts, next_attempt_at,"
                                + " last_attempt_at, response_code, last_error, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        eventId,
                        target,
                        kind,
                        status,
                        attempts,
                        java.sql.Timestamp.from(at.plusSeconds(30)),
                        java.sql.Timestamp.from(at),
                        code,
                        error,
                        java.sql.Timestamp.from(at))
                .update();
        return jdbc.sql("SELECT MAX(id) FROM alert_notification")
                .query(Long.class)
                .single();
    }

    private static Rule rule(String name, Severity severity) {
        return Rule.newBuilder()
                .setName(name)
                .setEnabled(true)
                .setSelector(SensorSelector.newBuilder().setQuantity("temperature"))
                .setThreshold(Threshold.newBuilder()
                        .setComparison(Comparison.COMPARISON_ABOVE)
                        .setValue(30)
                        .setForDuration(Durations.fromMinutes(1)))
                .setSeverity(severity)
                .build();
    }

    private static String id(List<Long> ids, int index) {
        return Long.toString(ids.get(index));
    }

    private static ListAlertEventsRequest page(int size, String token) {
        return ListAlertEventsRequest.newBuilder()
                .setPageSize(size)
                .setPageToken(token)
                .build();
    }

    private static AlertRef ref(String id) {
        return AlertRef.newBuilder().setId(id).build();
    }

    private static SilenceRequest silence(String id, Instant until) {
        return SilenceRequest.newBuilder().setId(id).setUntil(timestamp(until)).build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }

    private static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
