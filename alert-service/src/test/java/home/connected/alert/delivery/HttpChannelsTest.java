package home.connected.alert.delivery;

import static home.connected.alert.delivery.Notices.HOSTILE;
import static org.assertj.core.api.Assertions.assertThat;

import home.connected.contracts.alert.v1.AlertmanagerChannel;
import home.connected.contracts.alert.v1.Channel;
import home.connected.contracts.alert.v1.DiscordChannel;
import home.connected.contracts.alert.v1.GotifyChannel;
import home.connected.contracts.alert.v1.NtfyChannel;
import home.connected.contracts.alert.v1.PushoverChannel;
import home.connected.contracts.alert.v1.SlackChannel;
import home.connected.contracts.alert.v1.TelegramChannel;
import home.connected.contracts.alert.v1.WebhookChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Each HTTP channel kind against a real receiver, checking the request its service documents. */
class HttpChannelsTest {

    private final Receiver receiver = Receiver.start();
    private final Deliverer deliverer = Notices.deliverer(receiver.url("/api"));

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void slackGetsTextAndBlocksWithMrkdwnEscaped() {
        String url = receiver.url("/services/T000/B000/XXXXSECRET");
        DeliveryOutcome outcome = deliverer.deliver(
                channel().setSlack(SlackChannel.newBuilder().setWebhookUrl(url)).build(), Notices.firing());

        assertThat(outcome.delivered()).isTrue();
        assertThat(outcome.responseCode()).isEqualTo(200);
        Receiver.Request request = receiver.take();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/services/T000/B000/XXXXSECRET");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        JsonNode json = request.json();
        String slackEscaped = "&lt;b&gt;*x*&lt;/b&gt; @everyone";
        assertThat(json.path("text").asString()).isEqualTo("Freezer: " + slackEscaped + " is firing");
        JsonNode header = json.path("blocks").get(0);
        assertThat(header.path("type").asString()).isEqualTo("header");
        assertThat(header.path("text").path("type").asString()).isEqualTo("plain_text");
        assertThat(header.path("text").path("text").asString()).isEqualTo("Freezer: " + HOSTILE + " is firing");
        JsonNode section = json.path("blocks").get(1);
        assertThat(section.path("type").asString()).isEqualTo("section");
        assertThat(section.path("text").path("type").asString()).isEqualTo("mrkdwn");
        assertThat(section.path("text").path("text").asString())
                .contains(slackEscaped)
                .doesNotContain("<b>")
                .contains(Notices.LINK);
    }

    @Test
    void webhookGetsAlertmanagersVersion4Payload() {
        DeliveryOutcome outcome = deliverer.deliver(
                channel()
                        .setName("home-automation")
                        .setWebhook(WebhookChannel.newBuilder()
                                .setUrl(receiver.url("/hook"))
                                .setSecret("s3cret"))
                        .build(),
                Notices.firing());

        assertThat(outcome.delivered()).isTrue();
        Receiver.Request request = receiver.take();
        assertThat(request.path()).isEqualTo("/hook");
        assertThat(request.header("Authorization")).isEqualTo("Bearer s3cret");
        assertThat(request.header("Idempotency-Key")).isEqualTo("0123456789abcdef-42");
        JsonNode json = request.json();
        assertThat(json.path("version").asString()).isEqualTo("4");
        assertThat(json.path("status").asString()).isEqualTo("firing");
        assertThat(json.path("receiver").asString()).isEqualTo("home-automation");
        assertThat(json.path("truncatedAlerts").asInt()).isZero();
        assertThat(json.path("externalURL").asString()).isEqualTo(Notices.DASHBOARD);
        assertThat(json.path("groupKey").asString()).startsWith("{}:{alertname=\"Freezer\"");
        assertThat(json.path("groupLabels").path("rule_id").asString()).isEqualTo("rule-1");
        assertThat(json.path("commonLabels").path("severity").asString()).isEqualTo("critical");
        assertThat(json.path("commonAnnotations").path("summary").asString())
                .isEqualTo("Freezer: " + HOSTILE + " is firing");
        JsonNode alert = json.path("alerts").get(0);
        assertThat(json.path("alerts").size()).isEqualTo(1);
        assertThat(alert.path("status").asString()).isEqualTo("firing");
        assertThat(alert.path("labels").properties().stream().map(Map.Entry::getKey))
                .containsExactly("alertname", "rule_id", "severity", "device", "sensor", "quantity", "location");
        assertThat(alert.path("labels").path("sensor").asString()).isEqualTo(HOSTILE);
        assertThat(alert.path("labels").path("device").asString()).isEqualTo("freezer-1");
        assertThat(alert.path("annotations").path("description").asString()).contains(HOSTILE);
        assertThat(alert.path("annotations").path("value").asString()).isEqualTo("-12.5");
        assertThat(alert.path("startsAt").asString()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(alert.path("endsAt").asString()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(alert.path("generatorURL").asString()).isEqualTo(Notices.LINK);
        assertThat(alert.path("fingerprint").asString()).isEqualTo("0123456789abcdef");
    }

    @Test
    void webhookResolvedEndsAtTheResolveTime() {
        deliverer.deliver(
                channel()
                        .setWebhook(WebhookChannel.newBuilder().setUrl(receiver.url("/hook")))
                        .build(),
                Notices.notice(Transition.RESOLVED, Notices.SINCE, Notices.AT));

        Receiver.Request request = receiver.take();
        assertThat(request.header("Authorization")).isNull();
        JsonNode json = request.json();
        assertThat(json.path("status").asString()).isEqualTo("resolved");
        assertThat(json.path("alerts").get(0).path("status").asString()).isEqualTo("resolved");
        assertThat(json.path("alerts").get(0).path("endsAt").asString()).isEqualTo("2026-12-01T10:05:00Z");
    }

    @Test
    void alertmanagerKindPostsToApiV2Alerts() {
        DeliveryOutcome outcome = deliverer.deliver(
                channel()
                        .setAlertmanager(AlertmanagerChannel.newBuilder()
                                .setUrl(receiver.url("/am/"))
                                .setBearerToken("am-token"))
                        .build(),
                Notices.firing());

        assertThat(outcome.delivered()).isTrue();
        Receiver.Request request = receiver.take();
        assertThat(request.path()).isEqualTo("/am/api/v2/alerts");
        assertThat(request.header("Authorization")).isEqualTo("Bearer am-token");
        JsonNode alerts = request.json();
        assertThat(alerts.isArray()).isTrue();
        assertThat(alerts.get(0).path("labels").path("alertname").asString()).isEqualTo("Freezer");
        assertThat(alerts.get(0).path("startsAt").asString()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(alerts.get(0).path("endsAt").asString())
                .isEqualTo(Notices.AT.plus(AlertmanagerSender.FIRING_HOLD).toString());
        assertThat(alerts.get(0).path("generatorURL").asString()).isEqualTo(Notices.LINK);
    }

    @Test
    void ntfyGetsTheBodyAndTitlePriorityTagsHeaders() {
        DeliveryOutcome outcome = deliverer.deliver(
                channel()
                        .setNtfy(NtfyChannel.newBuilder()
                                .setServerUrl(receiver.url("/ntfy/"))
                                .setTopic("home_alerts")
                                .setToken("tk_abc"))
                        .build(),
                Notices.firing());

        assertThat(outcome.delivered()).isTrue();
        Receiver.Request request = receiver.take();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/ntfy/home_alerts");
        assertThat(request.header("Authorization")).isEqualTo("Bearer tk_abc");
        assertThat(request.header("Priority")).isEqualTo("5");
        assertThat(request.header("Tags")).isEqualTo("rotating_light,critical");
        assertThat(request.header("Click")).isEqualTo(Notices.LINK);
        assertThat(request.header("Title")).isEqualTo("Freezer: " + HOSTILE + " is firing");
        assertThat(request.body()).contains(HOSTILE).contains("-12.5 °C");
    }

    @Test
    void ntfyTitleOutsideAsciiIsRfc2047Encoded() {
        Notice notice = Notices.firing();
        Notice warm = new Notice(
                notice.alertId(),
                1,
                notice.ruleId(),
                "Gefrierschrank zu warm ❄",
                notice.severity(),
                notice.transition(),
                1,
                notice.deviceId(),
                "s",
                notice.quantity(),
                "",
                "",
                1,
                "",
                "",
                notice.since(),
                notice.at(),
                "",
                notice.template());
        deliverer.deliver(
                channel()
                        .setNtfy(NtfyChannel.newBuilder()
                                .setServerUrl(receiver.url(""))
                                .setTopic("t"))
                        .build(),
                warm);

        String title = receiver.take().header("Title");
        assertThat(title).startsWith("=?UTF-8?B?").endsWith("?=");
        String decoded =
                new String(Base64.getDecoder().decode(title.substring(10, title.length() - 2)), StandardCharsets.UTF_8);
        assertThat(decoded).isEqualTo("Gefrierschrank zu warm ❄: s is firing");
    }

    @Test
    void telegramGetsSendMessageWithHtml() {
        receiver.answer(200, "{\"ok\":true,\"result\":{\"message_id\":1}}", "Content-Type", "application/json");
        DeliveryOutcome outcome = deliverer.deliver(
                channel()
                        .setTelegram(TelegramChannel.newBuilder()
                                .setBotToken("123456:ABC-def_ghi")
                                .setChatId("-100200300"))
                        .build(),
                Notices.firing());

        assertThat(outcome.delivered()).isTrue();
        Receiver.Request request = receiver.take();
        assertThat(request.path()).isEqualTo("/api/bot123456:ABC-def_ghi/sendMessage");
        JsonNode json = request.json();
        assertThat(json.path("chat_id").asString()).isEqualTo("-100200300");
        assertThat(json.path("parse_mode").asString()).isEqualTo("HTML");
        String html = "&lt;b&gt;*x*&lt;/b&gt; @everyone";
        assertThat(json.path("text").asString())
                .startsWith("<b>Freezer: " + html + " is firing</b>\n")
                .contains(html)
                .doesNotContain(HOSTILE);
    }

    @Test
    void telegramOkFalseIsAFailureWithItsDescription() {
        receiver.answer(
                400,
                "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}",
                "Content-Type",
                "application/json");
        DeliveryOutcome outcome = deliverer.deliver(
                channel()
                        .setTelegram(TelegramChannel.newBuilder()
                                .setBotToken("123456:ABC-def_ghi")
                                .setChatId("1"))
                        .build(),
                Notices.firing());

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.responseCode()).isEqualTo(400);
        assertThat(outcome.error()).isEqualTo("Telegram: Bad Request: chat not found");
    }

    @Test
    void discordGetsContentEmbedsAndNoMentions() {
        receiver.answer(204, "");
        String url = receiver.url("/api/webhooks/123/tokenpart");
        DeliveryOutcome outcome = deliverer.deliver(
                channel()
                        .setDiscord(DiscordChannel.newBuilder().setWebhookUrl(url))
                        .build(),
                Notices.firing());

        assertThat(outcome.delivered()).isTrue();
        assertThat(outcome.responseCode()).isEqualTo(204);
        Receiver.Request request = receiver.take();
        assertThat(request.path()).isEqualTo("/api/webhooks/123/tokenpart");
        JsonNode json = request.json();
        String discordEscaped = "<b\\>\\*x\\*</b\\> @\u200beveryone";
        assertThat(json.path("content").asString()).isEqualTo("Freezer: " + discordEscaped + " is firing");
        JsonNode embed = json.path("embeds").get(0);
        assertThat(embed.path("title").asString()).isEqualTo("Freezer");
        assertThat(embed.path("description").asString())
                .contains(discordEscaped)
                .doesNotContain("@everyone");
        assertThat(embed.path("color").asInt()).isEqualTo(0xE01E5A);
        assertThat(json.path("allowed_mentions").path("parse").isArray()).isTrue();
        assertThat(json.path("allowed_mentions").path("parse").size()).isZero();
    }

    @Test
    void gotifyGetsTitleMessagePriorityWithItsKeyHeader() {
        receiver.answer(200, "{\"id\":1}", "Content-Type", "application/json");
        DeliveryOutcome outcome = deliverer.deliver(
                channel()
                        .setGotify(GotifyChannel.newBuilder()
                                .setServerUrl(receiver.url("/gotify"))
                                .setAppToken("AbCdEf"))
                        .build(),
                Notices.firing());

        assertThat(outcome.delivered()).isTrue();
        Receiver.Request request = receiver.take();
        assertThat(request.path()).isEqualTo("/gotify/message");
        assertThat(request.header("X-Gotify-Key")).isEqualTo("AbCdEf");
        JsonNode json = request.json();
        assertThat(json.path("title").asString()).isEqualTo("Freezer: " + HOSTILE + " is firing");
        assertThat(json.path("message").asString()).contains(HOSTILE);
        assertThat(json.path("priority").asInt()).isEqualTo(8);
    }

    @Test
    void pushoverGetsAFormWithTokenUserAndPriority() {
        receiver.answer(200, "{\"status\":1,\"request\":\"abc\"}", "Content-Type", "application/json");
        DeliveryOutcome outcome = deliverer.deliver(
                channel()
                        .setPushover(PushoverChannel.newBuilder()
                                .setAppToken("app-token")
                                .setUserKey("user-key"))
                        .build(),
                Notices.firing());

        assertThat(outcome.delivered()).isTrue();
        Receiver.Request request = receiver.take();
        assertThat(request.path()).isEqualTo("/api/1/messages.json");
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        Map<String, String> form = request.form();
        assertThat(form)
                .containsEntry("token", "app-token")
                .containsEntry("user", "user-key")
                .containsEntry("title", "Freezer: " + HOSTILE + " is firing")
                .containsEntry("priority", "1")
                .containsEntry("url", Notices.LINK);
        assertThat(form.get("message")).contains(HOSTILE);
    }

    @Test
    void pushoverStatusZeroIsAFailureWithItsErrors() {
        receiver.answer(
                400,
                "{\"user\":\"invalid\",\"errors\":[\"user identifier is not a valid user\"],\"status\":0}",
                "Content-Type",
                "application/json");
        DeliveryOutcome outcome = deliverer.deliver(
                channel()
                        .setPushover(PushoverChannel.newBuilder()
                                .setAppToken("app-token")
                                .setUserKey("user-key"))
                        .build(),
                Notices.firing());

        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.error()).isEqualTo("Pushover: user identifier is not a valid user");
    }

    private static Channel.Builder channel() {
        return Channel.newBuilder().setId("ch-1").setName("test");
    }
}
