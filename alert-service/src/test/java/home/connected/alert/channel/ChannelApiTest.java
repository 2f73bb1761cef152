package home.connected.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Empty;
import com.google.protobuf.util.Durations;
import home.connected.alert.api.AlertServiceTest;
import home.connected.contracts.alert.v1.Channel;
import home.connected.contracts.alert.v1.ChannelRef;
import home.connected.contracts.alert.v1.Comparison;
import home.connected.contracts.alert.v1.Delivery;
import home.connected.contracts.alert.v1.EmailChannel;
import home.connected.contracts.alert.v1.QuietHours;
import home.connected.contracts.alert.v1.Rule;
import home.connected.contracts.alert.v1.SensorSelector;
import home.connected.contracts.alert.v1.Threshold;
import home.connected.contracts.alert.v1.WebhookChannel;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ChannelApiTest extends AlertServiceTest {

    private static final List<String> SECRETS = List.of(
            "slack-secret-1",
            "hook-secret-1",
            "am-secret-1",
            "ntfy-secret-1",
            "tg-secret-1",
            "discord-secret-1",
            "gotify-secret-1",
            "po-user-secret-1",
            "po-app-secret-1");

    @Autowired
    ChannelStore store;

    @BeforeEach
    void empty() {
        clearAll();
    }

    @Test
    void everyKindRoundTripsWithoutItsSecrets() {
        Map<String, List<String>> secretNames = Map.of(
                "email", List.of(),
                "slack", List.of("webhook_url"),
                "webhook", List.of("secret"),
                "alertmanager", List.of("bearer_token"),
                "ntfy", List.of("token"),
                "telegram", List.of("bot_token"),
                "discord", List.of("webhook_url"),
                "gotify", List.of("app_token"),
                "pushover", List.of("user_key", "app_token"));
        BadChannels.goodOfEveryKind().forEach((kind, channel) -> {
            Channel created = manager().createChannel(channel);

            assertThat(UUID.fromString(created.getId())).isNotNull();
            assertThat(created.getSecretsSetList()).containsExactlyInAnyOrderElementsOf(secretNames.get(kind));
            Channel expected = ChannelSecrets.withoutSecrets(channel).toBuilder()
                    .setId(created.getId())
                    .addAllSecretsSet(created.getSecretsSetList())
                    .build();
            assertThat(created).isEqualTo(expected);
            assertThat(reader().getChannel(ref(created.getId()))).isEqualTo(expected);
            assertThat(store.withSecrets(created.getId()))
                    .contains(channel.toBuilder().setId(created.getId()).build());
            assertThat(jdbc.sql("SELECT kind FROM alert_channel WHERE id = ?")
                            .param(created.getId())
                            .query(String.class)
                            .single())
                    .isEqualTo(kind);
        });

        List<Channel> listed = reader().listChannels(Empty.getDefaultInstance()).getChannelsList();
        assertThat(listed).hasSize(9);
        assertThat(listed.toString()).doesNotContain("secret-1");
        for (Map<String, Object> row :
                jdbc.sql("SELECT * FROM alert_channel").query().listOfRows()) {
            String settings = (String) row.get("settings");
            byte[] sealed = (byte[]) row.get("secrets");
            String sealedText = sealed == null ? "" : new String(sealed, StandardCharsets.ISO_8859_1);
            for (String secret : SECRETS) {
                assertThat(settings).doesNotContain(secret);
                assertThat(sealedText).doesNotContain(secret);
            }
        }
    }

    @Test
    void anUpdateKeepsAnEmptySecretAndReplacesAGivenOne() {
        Channel created = manager().createChannel(BadChannels.goodOfEveryKind().get("pushover"));

        Channel renamed = manager()
                .updateChannel(created.toBuilder()
                        .setName("phones")
                        .setPushover(created.getPushover().toBuilder().setAppToken("po-app-secret-2"))
                        .setQuietHours(QuietHours.newBuilder()
                                .setStart("22:30")
                                .setEnd("06:45")
                                .setTimeZone("Europe/Zurich")
                                .setCriticalBreaksThrough(true))
                        .setMaxPerMinute(12)
                        .clearSecretsSet()
                        .build());

        assertThat(renamed.getName()).isEqualTo("phones");
        assertThat(renamed.getSecretsSetList()).containsExactlyInAnyOrder("user_key", "app_token");
        assertThat(renamed.getPushover().getUserKey()).isEmpty();
        assertThat(renamed.getQuietHours().getTimeZone()).isEqualTo("Europe/Zurich");
        assertThat(renamed.getMaxPerMinute()).isEqualTo(12);
        Channel withSecrets = store.withSecrets(created.getId()).orElseThrow();
        assertThat(withSecrets.getPushover().getUserKey()).isEqualTo("po-user-secret-1");
        assertThat(withSecrets.getPushover().getAppToken()).isEqualTo("po-app-secret-2");
        assertThat(reader().getChannel(ref(created.getId()))).isEqualTo(renamed);
    }

    @Test
    void aCiphertextMovedToAnotherChannelDoesNotDecrypt() {
        Channel first = manager().createChannel(BadChannels.goodOfEveryKind().get("slack"));
        Channel second = manager()
                .createChannel(BadChannels.goodOfEveryKind().get("slack").toBuilder()
                        .setSlack(BadChannels.goodOfEveryKind().get("slack").getSlack().toBuilder()
                                .setWebhookUrl("https://hooks.slack.com/services/T0/B0/other"))
                        .build());
        jdbc.sql("UPDATE alert_channel SET secrets = (SELECT secrets FROM (SELECT secrets FROM alert_channel WHERE id"
                        + " = ?) AS copied) WHERE id = ?")
                .params(first.getId(), second.getId())
                .update();

        var refused = org.assertj.core.api.Assertions.catchThrowable(() -> store.withSecrets(second.getId()));

        assertThat(refused)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not decrypt the secrets of channel " + second.getId());
    }

    @Test
    void everyBadFieldIsRefusedWithItsNameAndNothingIsWritten() {
        Map<String, Channel> existing = new java.util.HashMap<>();
        BadChannels.goodOfEveryKind()
                .forEach((kind, channel) -> existing.put(kind, manager().createChannel(channel)));
        for (BadChannels.BadChannel bad : BadChannels.all()) {
            assertRefused(
                    Status.Code.INVALID_ARGUMENT, bad.message(), () -> manager().createChannel(bad.channel()));
            String kind = ChannelSecrets.kind(bad.channel());
            if (bad.alsoOnUpdate() && !kind.isEmpty()) {
                String id = existing.get(kind).getId();
                assertRefused(
                        Status.Code.INVALID_ARGUMENT,
                        bad.message(),
                        () -> manager()
                                .updateChannel(
                                        bad.channel().toBuilder().setId(id).build()));
            }
        }
        assertRefused(
                Status.Code.INVALID_ARGUMENT,
                "id must be empty",
                () -> manager()
                        .createChannel(BadChannels.goodOfEveryKind().get("webhook").toBuilder()
                                .setId(UUID.randomUUID().toString())
                                .build()));
    }

    @Test
    void theKindCannotChangeAndUnknownChannelsAreNotFound() {
        Channel hook = manager().createChannel(BadChannels.goodOfEveryKind().get("webhook"));

        assertRefused(
                Status.Code.FAILED_PRECONDITION,
                "a channel's kind cannot change (it is webhook, not email)",
                () -> manager()
                        .updateChannel(hook.toBuilder()
                                .setEmail(EmailChannel.newBuilder().addTo("a@example.org"))
                                .build()));
        String unknown = UUID.randomUUID().toString();
        assertRefused(Status.Code.NOT_FOUND, "no channel " + unknown, () -> reader().getChannel(ref(unknown)));
        assertRefused(
                Status.Code.NOT_FOUND,
                "no channel " + unknown,
                () -> manager().updateChannel(hook.toBuilder().setId(unknown).build()));
        assertRefused(
                Status.Code.NOT_FOUND, "no channel " + unknown, () -> manager().deleteChannel(ref(unknown)));
        assertRefused(
                Status.Code.NOT_FOUND, "no channel " + unknown, () -> manager().testChannel(ref(unknown)));
        assertRefused(
                Status.Code.INVALID_ARGUMENT, "id is required", () -> manager().deleteChannel(ref("")));
    }

    @Test
    void aChannelInUseCannotBeDeleted() {
        Channel hook = manager().createChannel(BadChannels.goodOfEveryKind().get("webhook"));
        Rule rule = manager()
                .createRule(Rule.newBuilder()
                        .setName("Cellar damp")
                        .setSelector(SensorSelector.newBuilder().setLocation("cellar"))
                        .setThreshold(Threshold.newBuilder()
                                .setComparison(Comparison.COMPARISON_ABOVE)
                                .setValue(70)
                                .setForDuration(Durations.fromMinutes(10)))
                        .addChannelIds(hook.getId())
                        .build());

        assertRefused(
                Status.Code.FAILED_PRECONDITION,
                "channel " + hook.getId() + " is used by the rules \"Cellar damp\" (" + rule.getId() + ")",
                () -> manager().deleteChannel(ref(hook.getId())));

        manager()
                .deleteRule(home.connected.contracts.alert.v1.RuleRef.newBuilder()
                        .setId(rule.getId())
                        .build());
        manager().deleteChannel(ref(hook.getId()));
        assertThat(reader().listChannels(Empty.getDefaultInstance()).getChannelsList())
                .isEmpty();
    }

    @Test
    void testChannelSendsNowAndReportsTheOutcome() throws Exception {
        try (Receiver ok = new Receiver(204);
                Receiver broken = new Receiver(500)) {
            Channel good = manager()
                    .createChannel(Channel.newBuilder()
                            .setName("household")
                            .setWebhook(WebhookChannel.newBuilder()
                                    .setUrl(ok.url("/hook"))
                                    .setSecret("hook-secret-9"))
                            .build());
            Channel bad = manager()
                    .createChannel(Channel.newBuilder()
                            .setName("broken")
                            .setWebhook(WebhookChannel.newBuilder().setUrl(broken.url("/hook")))
                            .build());
            Instant before = Instant.now().minusSeconds(1);
            var tablesBefore = tables();

            Delivery delivered = manager().testChannel(ref(good.getId()));
            Delivery failed = manager().testChannel(ref(bad.getId()));

            assertThat(delivered.getDelivered()).isTrue();
            assertThat(delivered.getStatus()).isEqualTo("sent");
            assertThat(delivered.getAttempts()).isEqualTo(1);
            assertThat(delivered.getChannelId()).isEqualTo(good.getId());
            assertThat(delivered.getChannelKind()).isEqualTo("webhook");
            assertThat(delivered.getResponseCode()).isEqualTo(204);
            assertThat(delivered.getError()).isEmpty();
            assertThat(delivered.getLastAttemptAt().getSeconds()).isGreaterThanOrEqualTo(before.getEpochSecond());
            assertThat(ok.requests()).hasSize(1);
            assertThat(ok.requests().get(0).body())
                    .contains("\"summary\":\"[warning] Test of channel household: test\"");
            assertThat(ok.requests().get(0).authorization()).isEqualTo("Bearer hook-secret-9");

            assertThat(failed.getDelivered()).isFalse();
            assertThat(failed.getStatus()).isEqualTo("failed");
            assertThat(failed.getResponseCode()).isEqualTo(500);
            assertThat(failed.getError()).isEqualTo("HTTP 500");
            assertThat(broken.requests()).hasSize(1);
            assertThat(tables()).as("TestChannel records nothing").isEqualTo(tablesBefore);
        }
    }

    @Test
    void aReaderMayReadButNotChange() {
        Channel hook = manager().createChannel(BadChannels.goodOfEveryKind().get("webhook"));

        assertThat(reader().getChannel(ref(hook.getId()))).isEqualTo(hook);
        assertThat(reader().listChannels(Empty.getDefaultInstance()).getChannelsList())
                .containsExactly(hook);
        assertRefused(
                Status.Code.PERMISSION_DENIED,
                "",
                () -> reader().createChannel(BadChannels.goodOfEveryKind().get("email")));
        assertRefused(
                Status.Code.PERMISSION_DENIED,
                "",
                () -> reader().updateChannel(hook.toBuilder().setName("x").build()));
        assertRefused(Status.Code.PERMISSION_DENIED, "", () -> reader().deleteChannel(ref(hook.getId())));
        assertRefused(Status.Code.PERMISSION_DENIED, "", () -> reader().testChannel(ref(hook.getId())));
    }

    private static ChannelRef ref(String id) {
        return ChannelRef.newBuilder().setId(id).build();
    }
}
