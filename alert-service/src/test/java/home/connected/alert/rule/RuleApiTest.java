package home.connected.alert.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Empty;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import home.connected.alert.api.AlertServiceTest;
import home.connected.contracts.alert.v1.BacktestRuleRequest;
import home.connected.contracts.alert.v1.Comparison;
import home.connected.contracts.alert.v1.MessageTemplate;
import home.connected.contracts.alert.v1.MqttAction;
import home.connected.contracts.alert.v1.RenderedMessage;
import home.connected.contracts.alert.v1.Rule;
import home.connected.contracts.alert.v1.RulePreview;
import home.connected.contracts.alert.v1.RuleRef;
import home.connected.contracts.alert.v1.RuleStatus;
import home.connected.contracts.alert.v1.SensorSelector;
import home.connected.contracts.alert.v1.Severity;
import home.connected.contracts.alert.v1.SilenceRequest;
import home.connected.contracts.alert.v1.Threshold;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class RuleApiTest extends AlertServiceTest {

    @Autowired
    RuleStore store;

    String channelId;

    @BeforeEach
    void oneChannel() {
        clearAll();
        channelId = webhookChannel("freezer pager").getId();
    }

    static Rule freezerRule(String channelId) {
        return Rule.newBuilder()
                .setName("Freezer too warm")
                .setEnabled(true)
                .setSelector(
                        SensorSelector.newBuilder().setDeviceId("freezer-node").setQuantity("temperature"))
                .setThreshold(Threshold.newBuilder()
                        .setComparison(Comparison.COMPARISON_ABOVE)
                        .setValue(-15)
                        .setHysteresis(1.5)
                        .setForDuration(Durations.fromMinutes(5))
                        .setKeepFiringFor(Durations.fromMinutes(1)))
                .addChannelIds(channelId)
                .setRepeatInterval(Durations.fromMinutes(30))
                .setNotifyResolved(false)
                .setTemplate(MessageTemplate.newBuilder()
                        .setTitle("{{rule}} on {{device}}")
                        .setBody("{{value}}{{unit}} since {{since}}"))
                .addActions(MqttAction.newBuilder()
                        .setTopic("cmnd/freezer-fan/POWER")
                        .setFiringPayload("ON")
                        .setResolvedPayload("OFF")
                        .setQos(1))
                .build();
    }

    @Test
    void createsReadsUpdatesAndDeletesARule() {
        Rule created = manager().createRule(freezerRule(channelId));

        assertThat(UUID.fromString(created.getId())).isNotNull();
        assertThat(created.toBuilder().clearId().clearStatus().build())
                .isEqualTo(freezerRule(channelId).toBuilder()
                        .setSeverity(Severity.SEVERITY_WARNING)
                        .build());
        assertThat(created.getStatus()).isEqualTo(RuleStatus.getDefaultInstance());
        assertThat(reader().getRule(ref(created.getId()))).isEqualTo(created);
        assertThat(reader().listRules(Empty.getDefaultInstance()).getRulesList())
                .containsExactly(created);
        assertThat(store.find(created.getId()))
                .contains(created.toBuilder().clearStatus().build());
        assertThat(store.all())
                .containsExactly(created.toBuilder().clearStatus().build());
        assertThat(jdbc.sql("SELECT definition FROM alert_rule")
                        .query(String.class)
                        .single())
                .doesNotContain(created.getId())
                .contains("\"notifyResolved\":false");
        assertThat(channelsOfRuleRows(created.getId())).containsExactly(channelId);

        String otherChannel = webhookChannel("second pager").getId();
        Rule changed = created.toBuilder()
                .setName("Freezer far too warm")
                .setSeverity(Severity.SEVERITY_CRITICAL)
                .clearChannelIds()
                .addChannelIds(otherChannel)
                .setThreshold(created.getThreshold().toBuilder().setValue(-10))
                .build();
        Rule updated = manager().updateRule(changed);

        assertThat(updated).isEqualTo(changed);
        assertThat(reader().getRule(ref(created.getId()))).isEqualTo(changed);
        assertThat(channelsOfRuleRows(created.getId())).containsExactly(otherChannel);

        manager().deleteRule(ref(created.getId()));

        assertThat(reader().listRules(Empty.getDefaultInstance()).getRulesList())
                .isEmpty();
        assertThat(channelsOfRuleRows(created.getId())).isEmpty();
        assertRefused(
                Status.Code.NOT_FOUND, "no rule " + created.getId(), () -> reader().getRule(ref(created.getId())));
        assertRefused(
                Status.Code.NOT_FOUND,
                "no rule " + created.getId(),
                () -> manager().deleteRule(ref(created.getId())));
        assertRefused(
                Status.Code.NOT_FOUND,
                "no rule " + created.getId(),
                () -> manager().updateRule(changed));
    }

    @Test
    void theVersionGrowsOnEveryChange() {
        long empty = store.version();
        Rule first = manager().createRule(freezerRule(channelId));
        long afterCreate = store.version();
        Rule second = manager().createRule(freezerRule(channelId));
        long afterSecond = store.version();
        manager().updateRule(first.toBuilder().setName("renamed").build());
        long afterUpdate = store.version();
        manager()
                .silenceRule(SilenceRequest.newBuilder()
                        .setId(first.getId())
                        .setUntil(Timestamps.fromMillis(System.currentTimeMillis() + 3_600_000))
                        .build());
        long afterSilence = store.version();
        manager().deleteRule(ref(second.getId()));
        long afterDelete = store.version();

        assertThat(List.of(empty, afterCreate, afterSecond, afterUpdate, afterSilence, afterDelete))
                .isSortedAccordingTo(Long::compare)
                .doesNotHaveDuplicates();
        assertARefusedUpdateKeepsTheVersion(first);
    }

    private void assertARefusedUpdateKeepsTheVersion(Rule first) {
        long before = store.version();
        assertRefused(
                Status.Code.INVALID_ARGUMENT,
                "name is required",
                () -> manager().updateRule(first.toBuilder().setName("").build()));
        assertThat(store.version()).isEqualTo(before);
    }

    @Test
    void theStatusCountsTheSeriesOfEachRule() {
        Rule rule = manager().createRule(freezerRule(channelId));
        Rule other = manager().createRule(freezerRule(channelId));
        insertSeries("a000000000000001", rule.getId(), "ok", 0, "freezer-1");
        insertSeries("a000000000000002", rule.getId(), "pending", 0, "freezer-2");
        insertSeries("a000000000000003", rule.getId(), "firing", 1, "freezer-3");
        insertSeries("a000000000000004", rule.getId(), "firing", 2, "freezer-4");
        insertSeries("a000000000000005", other.getId(), "ok", 0, "freezer-5");

        RuleStatus expected =
                RuleStatus.newBuilder().setOk(1).setPending(1).setFiring(2).build();
        assertThat(reader().getRule(ref(rule.getId())).getStatus()).isEqualTo(expected);
        assertThat(reader().listRules(Empty.getDefaultInstance()).getRulesList())
                .extracting(Rule::getStatus)
                .containsExactlyInAnyOrder(
                        expected, RuleStatus.newBuilder().setOk(1).build());
    }

    @Test
    void aSilenceIsSetAndLifted() {
        Rule rule = manager().createRule(freezerRule(channelId));
        Instant until = Instant.now().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.MICROS);

        Rule silenced = manager().silenceRule(silence(rule.getId(), until));

        assertThat(silenced.getSilencedUntil()).isEqualTo(timestamp(until));
        assertThat(store.find(rule.getId()).orElseThrow().getSilencedUntil()).isEqualTo(timestamp(until));
        assertThat(manager()
                        .silenceRule(silence(rule.getId(), Instant.now().minusSeconds(5)))
                        .hasSilencedUntil())
                .isFalse();
        manager().silenceRule(silence(rule.getId(), until));
        assertThat(manager()
                        .silenceRule(
                                SilenceRequest.newBuilder().setId(rule.getId()).build())
                        .hasSilencedUntil())
                .isFalse();
        // An update keeps the silence: it has an RPC of its own.
        manager().silenceRule(silence(rule.getId(), until));
        assertThat(manager()
                        .updateRule(rule.toBuilder().setName("renamed").build())
                        .getSilencedUntil())
                .isEqualTo(timestamp(until));
        assertRefused(
                Status.Code.NOT_FOUND,
                "no rule",
                () -> manager().silenceRule(silence(UUID.randomUUID().toString(), until)));
        assertRefused(
                Status.Code.INVALID_ARGUMENT,
                "until is not a valid time",
                () -> manager()
                        .silenceRule(SilenceRequest.newBuilder()
                                .setId(rule.getId())
                                .setUntil(com.google.protobuf.Timestamp.newBuilder()
                                        .setSeconds(Long.MAX_VALUE))
                                .build()));
    }

    @Test
    void aGivenIdIsRefusedOnCreateAndRequiredOnUpdate() {
        assertRefused(
                Status.Code.INVALID_ARGUMENT,
                "id must be empty",
                () -> manager()
                        .createRule(freezerRule(channelId).toBuilder()
                                .setId(UUID.randomUUID().toString())
                                .build()));
        assertRefused(
                Status.Code.INVALID_ARGUMENT, "id is required", () -> manager().updateRule(freezerRule(channelId)));
        assertRefused(
                Status.Code.INVALID_ARGUMENT, "id is required", () -> manager().getRule(ref("")));
    }

    @Test
    void everyBadFieldIsRefusedWithItsNameAndNothingIsWritten() {
        Rule existing = manager().createRule(freezerRule(channelId));
        for (BadRule bad : BadRules.all(channelId)) {
            assertRefused(
                    Status.Code.INVALID_ARGUMENT, bad.message(), () -> manager().createRule(bad.rule()));
            assertRefused(
                    Status.Code.INVALID_ARGUMENT,
                    bad.message(),
                    () -> manager()
                            .updateRule(bad.rule().toBuilder()
                                    .setId(existing.getId())
                                    .build()));
            assertRefused(Status.Code.INVALID_ARGUMENT, bad.message(), () -> reader().previewRule(bad.rule()));
            assertRefused(
                    Status.Code.INVALID_ARGUMENT,
                    bad.message(),
                    () -> stub(TOKENS.token("alerts:read", "readings:read"))
                            .backtestRule(BacktestRuleRequest.newBuilder()
                                    .setRule(bad.rule())
                                    .build()));
        }
        assertThat(reader().getRule(ref(existing.getId()))).isEqualTo(existing);
    }

    @Test
    void noMoreRulesThanTheLimit() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < MAX_RULES; i++) {
            created.add(manager().createRule(freezerRule(channelId)).getId());
        }

        assertRefused(
                Status.Code.FAILED_PRECONDITION,
                "the most this installation allows",
                () -> manager().createRule(freezerRule(channelId)));

        manager().deleteRule(ref(created.get(0)));
        assertThat(manager().createRule(freezerRule(channelId)).getId()).isNotEmpty();
    }

    @Test
    void aPreviewRendersEveryKindFiringAndResolvedAndStoresNothing() {
        Rule rule = freezerRule(channelId).toBuilder()
                .setSelector(SensorSelector.newBuilder().setDeviceId("<b>freezer</b>"))
                .setTemplate(MessageTemplate.newBuilder()
                        .setTitle("{{rule}} {{state}} on {{device}}")
                        .setBody("{{value}} {{unit}} ({{threshold}})"))
                .build();
        var before = tables();

        RulePreview preview = reader().previewRule(rule);

        assertThat(tables()).isEqualTo(before);
        assertThat(preview.getMessagesList())
                .extracting(RenderedMessage::getChannelKind)
                .containsOnly(
                        "email",
                        "slack",
                        "webhook",
                        "alertmanager",
                        "ntfy",
                        "telegram",
                        "discord",
                        "gotify",
                        "pushover")
                .hasSize(18);
        assertThat(message(preview, "firing", "webhook").getTitle())
                .isEqualTo("Freezer too warm firing on <b>freezer</b>");
        assertThat(message(preview, "resolved", "webhook").getTitle())
                .isEqualTo("Freezer too warm resolved on <b>freezer</b>");
        assertThat(message(preview, "firing", "email").getTitle())
                .isEqualTo("Freezer too warm firing on &lt;b&gt;freezer&lt;/b&gt;");
        assertThat(message(preview, "firing", "slack").getTitle()).contains("&lt;b&gt;freezer&lt;/b&gt;");
        // Above -15 with hysteresis 1.5: an example value beyond it, and one back inside.
        assertThat(message(preview, "firing", "webhook").getBody()).isEqualTo("-12.5 °C (-15)");
        assertThat(message(preview, "resolved", "webhook").getBody()).isEqualTo("-17.5 °C (-15)");

        RulePreview defaults = reader().previewRule(
                        rule.toBuilder().clearTemplate().setName("Freezer").build());
        assertThat(message(defaults, "firing", "ntfy").getTitle()).isEqualTo("[warning] Freezer: firing");
        assertThat(message(defaults, "firing", "ntfy").getBody()).contains("above -15 for 5m");
    }

    @Test
    void aReaderMayReadButNotChange() {
        Rule rule = manager().createRule(freezerRule(channelId));

        assertThat(reader().getRule(ref(rule.getId()))).isEqualTo(rule);
        assertThat(reader().listRules(Empty.getDefaultInstance()).getRulesCount())
                .isEqualTo(1);
        assertThat(reader().previewRule(freezerRule(channelId)).getMessagesCount())
                .isPositive();

        assertRefused(Status.Code.PERMISSION_DENIED, "", () -> reader().createRule(freezerRule(channelId)));
        assertRefused(
                Status.Code.PERMISSION_DENIED,
                "",
                () -> reader().updateRule(rule.toBuilder().setName("x").build()));
        assertRefused(Status.Code.PERMISSION_DENIED, "", () -> reader().deleteRule(ref(rule.getId())));
        assertRefused(
                Status.Code.PERMISSION_DENIED,
                "",
                () -> reader().silenceRule(silence(rule.getId(), Instant.now().plusSeconds(600))));
        StatusRuntimeException anonymous = catchThrowableOfType(
                StatusRuntimeException.class, () -> stub("not-a-token").listRules(Empty.getDefaultInstance()));
        assertThat(anonymous.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    private List<String> channelsOfRuleRows(String ruleId) {
        return jdbc.sql("SELECT channel_id FROM alert_rule_channel WHERE rule_id = ?")
                .param(ruleId)
                .query(String.class)
                .list();
    }

    private static RenderedMessage message(RulePreview preview, String transition, String kind) {
        return preview.getMessagesList().stream()
                .filter(m -> m.getTransition().equals(transition)
                        && m.getChannelKind().equals(kind))
                .findFirst()
                .orElseThrow();
    }

    static RuleRef ref(String id) {
        return RuleRef.newBuilder().setId(id).build();
    }

    static SilenceRequest silence(String id, Instant until) {
        return SilenceRequest.newBuilder().setId(id).setUntil(timestamp(until)).build();
    }

    static com.google.protobuf.Timestamp timestamp(Instant instant) {
        return com.google.protobuf.Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }
}
