package home.connected.alert.channel;

import home.connected.contracts.alert.v1.AlertmanagerChannel;
import home.connected.contracts.alert.v1.Channel;
import home.connected.contracts.alert.v1.DiscordChannel;
import home.connected.contracts.alert.v1.EmailChannel;
import home.connected.contracts.alert.v1.GotifyChannel;
import home.connected.contracts.alert.v1.NtfyChannel;
import home.connected.contracts.alert.v1.PushoverChannel;
import home.connected.contracts.alert.v1.QuietHours;
import home.connected.contracts.alert.v1.SlackChannel;
import home.connected.contracts.alert.v1.TelegramChannel;
import home.connected.contracts.alert.v1.WebhookChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Every kind of bad channel field, each with the message that must name it. */
final class BadChannels {

    /**
     * @param alsoOnUpdate false where an update would keep the stored secret instead (a missing
     *     required secret)
     */
    record BadChannel(Channel channel, String message, boolean alsoOnUpdate) {}

    private BadChannels() {}

    /** One good channel of every kind, with every secret set. */
    static Map<String, Channel> goodOfEveryKind() {
        return Map.of(
                "email",
                named("mail")
                        .setEmail(EmailChannel.newBuilder().addTo("alerts@example.org"))
                        .build(),
                "slack",
                named("slack")
                        .setSlack(SlackChannel.newBuilder()
                                .setWebhookUrl("https://hooks.slack.com/services/T0/B0/slack-secret-1"))
                        .build(),
                "webhook",
                named("hook")
                        .setWebhook(WebhookChannel.newBuilder()
                                .setUrl("http://127.0.0.1:9/hook")
                                .setSecret("hook-secret-1"))
                        .build(),
                "alertmanager",
                named("am")
                        .setAlertmanager(AlertmanagerChannel.newBuilder()
                                .setUrl("http://127.0.0.1:9093")
                                .setBearerToken("am-secret-1"))
                        .build(),
                "ntfy",
                named("ntfy")
                        .setNtfy(NtfyChannel.newBuilder()
                                .setServerUrl("https://ntfy.example.org")
                                .setTopic("freezer_alerts-1")
                                .setToken("ntfy-secret-1"))
                        .build(),
                "telegram",
                named("tg")
                        .setTelegram(TelegramChannel.newBuilder()
                                .setBotToken("123456:tg-secret-1")
                                .setChatId("-1001234567890"))
                        .build(),
                "discord",
                named("discord")
                        .setDiscord(DiscordChannel.newBuilder()
                                .setWebhookUrl("https://discord.com/api/webhooks/1/discord-secret-1"))
                        .build(),
                "gotify",
                named("gotify")
                        .setGotify(GotifyChannel.newBuilder()
                                .setServerUrl("https://gotify.example.org")
                                .setAppToken("gotify-secret-1"))
                        .build(),
                "pushover",
                named("pushover")
                        .setPushover(PushoverChannel.newBuilder()
                                .setUserKey("po-user-secret-1")
                                .setAppToken("po-app-secret-1"))
                        .build());
    }

    static List<BadChannel> all() {
        Map<String, Channel> good = goodOfEveryKind();
        Channel hook = good.get("webhook");
        List<BadChannel> bad = new ArrayList<>();
        add(bad, hook.toBuilder().setName("").build(), "name is required");
        add(bad, hook.toBuilder().setName("n".repeat(101)).build(), "name must be at most 100 characters");
        add(bad, hook.toBuilder().setName("a\u0007b").build(), "name must not contain control characters");
        add(bad, hook.toBuilder().clearTarget().build(), "set exactly one kind of channel");
        add(bad, named("mail").setEmail(EmailChannel.getDefaultInstance()).build(), "email.to needs 1 to 10 addresses");
        add(
                bad,
                named("mail")
                        .setEmail(EmailChannel.newBuilder().addAllTo(Collections.nCopies(11, "a@example.org")))
                        .build(),
                "email.to needs 1 to 10 addresses");
        add(
                bad,
                named("mail")
                        .setEmail(
                                EmailChannel.newBuilder().addTo("a@example.org").addTo("not-an-address"))
                        .build(),
                "email.to[1] is not a plausible email address");
        add(
                bad,
                named("mail")
                        .setEmail(EmailChannel.newBuilder().addTo("a@example.org\r\nBcc: b@example.org"))
                        .build(),
                "email.to[0] is not a plausible email address");
        add(
                bad,
                named("mail")
                        .setEmail(EmailChannel.newBuilder().addTo("a b@example.org"))
                        .build(),
                "email.to[0] is not a plausible email address");
        addNew(
                bad,
                named("slack").setSlack(SlackChannel.getDefaultInstance()).build(),
                "slack.webhook_url is required");
        add(
                bad,
                named("slack")
                        .setSlack(SlackChannel.newBuilder().setWebhookUrl("ftp://hooks.slack.com/x"))
                        .build(),
                "slack.webhook_url must be an http or https URL");
        add(
                bad,
                hook.toBuilder()
                        .setWebhook(WebhookChannel.newBuilder().setUrl(""))
                        .build(),
                "webhook.url is required");
        add(
                bad,
                hook.toBuilder()
                        .setWebhook(WebhookChannel.newBuilder().setUrl("http://169.254.169.254/latest/meta-data"))
                        .build(),
                "webhook.url points to a cloud metadata address, which is refused");
        add(
                bad,
                hook.toBuilder()
                        .setWebhook(WebhookChannel.newBuilder().setUrl("http://127.0.0.1/" + "p".repeat(2000)))
                        .build(),
                "webhook.url must be at most 2000 characters");
        add(
                bad,
                hook.toBuilder()
                        .setWebhook(hook.getWebhook().toBuilder().setSecret("s\r\nX-Injected: 1"))
                        .build(),
                "webhook.secret must not contain control characters");
        add(
                bad,
                named("am")
                        .setAlertmanager(AlertmanagerChannel.newBuilder().setUrl("file:///etc/passwd"))
                        .build(),
                "alertmanager.url must be an http or https URL");
        Channel ntfy = good.get("ntfy");
        add(
                bad,
                ntfy.toBuilder()
                        .setNtfy(ntfy.getNtfy().toBuilder().setServerUrl(""))
                        .build(),
                "ntfy.server_url is required");
        add(
                bad,
                ntfy.toBuilder()
                        .setNtfy(ntfy.getNtfy().toBuilder().setTopic(""))
                        .build(),
                "ntfy.topic must be 1 to 64");
        add(
                bad,
                ntfy.toBuilder()
                        .setNtfy(ntfy.getNtfy().toBuilder().setTopic("has space"))
                        .build(),
                "ntfy.topic must be 1 to 64");
        add(
                bad,
                ntfy.toBuilder()
                        .setNtfy(ntfy.getNtfy().toBuilder().setTopic("t".repeat(65)))
                        .build(),
                "ntfy.topic must be 1 to 64");
        Channel telegram = good.get("telegram");
        addNew(
                bad,
                telegram.toBuilder()
                        .setTelegram(telegram.getTelegram().toBuilder().clearBotToken())
                        .build(),
                "telegram.bot_token is required");
        add(
                bad,
                telegram.toBuilder()
                        .setTelegram(telegram.getTelegram().toBuilder().setBotToken("../../evil"))
                        .build(),
                "telegram.bot_token must look like");
        add(
                bad,
                telegram.toBuilder()
                        .setTelegram(telegram.getTelegram().toBuilder().setChatId(""))
                        .build(),
                "telegram.chat_id must be a numeric chat id");
        add(
                bad,
                telegram.toBuilder()
                        .setTelegram(telegram.getTelegram().toBuilder().setChatId("12ab"))
                        .build(),
                "telegram.chat_id must be a numeric chat id");
        add(
                bad,
                telegram.toBuilder()
                        .setTelegram(telegram.getTelegram().toBuilder().setChatId("1".repeat(21)))
                        .build(),
                "telegram.chat_id must be a numeric chat id");
        addNew(
                bad,
                named("discord").setDiscord(DiscordChannel.getDefaultInstance()).build(),
                "discord.webhook_url is required");
        Channel gotify = good.get("gotify");
        add(
                bad,
                gotify.toBuilder()
                        .setGotify(gotify.getGotify().toBuilder().setServerUrl("gopher://x"))
                        .build(),
                "gotify.server_url must be an http or https URL");
        addNew(
                bad,
                gotify.toBuilder()
                        .setGotify(gotify.getGotify().toBuilder().clearAppToken())
                        .build(),
                "gotify.app_token is required");
        Channel pushover = good.get("pushover");
        addNew(
                bad,
                pushover.toBuilder()
                        .setPushover(pushover.getPushover().toBuilder().clearUserKey())
                        .build(),
                "pushover.user_key is required");
        addNew(
                bad,
                pushover.toBuilder()
                        .setPushover(pushover.getPushover().toBuilder().clearAppToken())
                        .build(),
                "pushover.app_token is required");
        QuietHours quiet = QuietHours.newBuilder()
                .setStart("22:00")
                .setEnd("07:00")
                .setTimeZone("Europe/Zurich")
                .build();
        add(
                bad,
                hook.toBuilder()
                        .setQuietHours(quiet.toBuilder().setStart("25:00"))
                        .build(),
                "quiet_hours.start must be a time of day as HH:mm");
        add(
                bad,
                hook.toBuilder().setQuietHours(quiet.toBuilder().setStart("")).build(),
                "quiet_hours.start must be a time of day as HH:mm");
        add(
                bad,
                hook.toBuilder().setQuietHours(quiet.toBuilder().setEnd("7:00")).build(),
                "quiet_hours.end must be a time of day as HH:mm");
        add(
                bad,
                hook.toBuilder()
                        .setQuietHours(quiet.toBuilder().setEnd("22:00"))
                        .build(),
                "quiet_hours.end must differ from quiet_hours.start");
        add(
                bad,
                hook.toBuilder()
                        .setQuietHours(quiet.toBuilder().clearTimeZone())
                        .build(),
                "quiet_hours.time_zone is required");
        add(
                bad,
                hook.toBuilder()
                        .setQuietHours(quiet.toBuilder().setTimeZone("Mars/Olympus_Mons"))
                        .build(),
                "quiet_hours.time_zone is not a known time zone");
        add(
                bad,
                hook.toBuilder().setMaxPerMinute(-1).build(),
                "max_per_minute must be between 0 (the service default) and 600");
        add(
                bad,
                hook.toBuilder().setMaxPerMinute(601).build(),
                "max_per_minute must be between 0 (the service default) and 600");
        return bad;
    }

    private static Channel.Builder named(String name) {
        return Channel.newBuilder().setName(name);
    }

    private static void add(List<BadChannel> bad, Channel channel, String message) {
        bad.add(new BadChannel(channel, message, true));
    }

    private static void addNew(List<BadChannel> bad, Channel channel, String message) {
        bad.add(new BadChannel(channel, message, false));
    }
}
