package home.connected.alert.delivery;

import home.connected.alert.template.Escaping;
import home.connected.contracts.alert.v1.Channel;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Discord "Execute Webhook": content (the title), one embed (rule, body, a colour for the state)
 * and allowed_mentions with nothing to parse, so no text can ping anyone.
 */
final class DiscordSender implements Sender {

    private final HttpDelivery http;

    DiscordSender(HttpDelivery http) {
        this.http = http;
    }

    @Override
    public DeliveryOutcome send(Channel channel, Notice notice) {
        Texts texts = Texts.of(notice, Escaping.DISCORD);
        ObjectNode message = HttpDelivery.JSON.createObjectNode();
        message.put("content", Texts.cut(texts.title(), 2000));
        ObjectNode embed = message.putArray("embeds").addObject();
        embed.put("title", Texts.cut(Texts.oneLine(Escaping.DISCORD.escape(notice.ruleName())), 256));
        if (!texts.body().isEmpty()) {
            embed.put("description", Texts.cut(texts.body(), 4096));
        }
        embed.put("color", color(notice));
        if (notice.link() != null && notice.link().startsWith("http")) {
            embed.put("url", notice.link());
        }
        message.putObject("allowed_mentions").putArray("parse");
        String url = channel.getDiscord().getWebhookUrl();
        return http.post(
                notice,
                new HttpDelivery.Post(
                                "discord.webhook_url",
                                url,
                                "application/json; charset=utf-8",
                                HttpDelivery.JSON.writeValueAsString(message))
                        .secret(url),
                DiscordSender::judged);
    }

    /** Discord sends Retry-After and, in the JSON body, retry_after (seconds, fractional). */
    private static DeliveryOutcome judged(HttpDelivery.Answer answer) {
        DeliveryOutcome outcome = answer.judged();
        if (answer.status() == 429 && outcome.retryAfter() == null) {
            try {
                JsonNode retryAfter = HttpDelivery.JSON.readTree(answer.body()).path("retry_after");
                if (retryAfter.isNumber()) {
                    Duration wait = RetryAfter.parse(retryAfter.asString(), Instant.now());
                    return DeliveryOutcome.throttled(wait, 429, outcome.error(), Duration.ZERO);
                }
            } catch (JacksonException notJson) {
                // keep the outcome without a wait
            }
        }
        return outcome;
    }

    private static int color(Notice notice) {
        if (notice.transition() == Transition.RESOLVED) {
            return 0x2EB67D;
        }
        return switch (notice.severityName()) {
            case "critical" -> 0xE01E5A;
            case "info" -> 0x36C5F0;
            default -> 0xECB22E;
        };
    }
}
