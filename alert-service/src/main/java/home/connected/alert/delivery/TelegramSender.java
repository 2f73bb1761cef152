package home.connected.alert.delivery;

import home.connected.alert.template.Escaping;
import home.connected.contracts.alert.v1.Channel;
import java.time.Duration;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Telegram Bot API {@code sendMessage} with parse_mode HTML. Telegram answers
 * {@code {"ok":false,"error_code":…,"description":…}} on errors, with
 * {@code parameters.retry_after} (seconds) when it throttles.
 */
final class TelegramSender implements Sender {

    private static final Pattern BOT_TOKEN = Pattern.compile("\\d+:[A-Za-z0-9_-]+");
    private static final int MAX_TEXT = 4096;

    private final HttpDelivery http;
    private final String apiUrl;

    TelegramSender(HttpDelivery http, String apiUrl) {
        this.http = http;
        this.apiUrl = apiUrl.strip().replaceAll("/+$", "");
    }

    @Override
    public DeliveryOutcome send(Channel channel, Notice notice) {
        String token = channel.getTelegram().getBotToken();
        if (!BOT_TOKEN.matcher(token).matches()) {
            return DeliveryOutcome.failed(
                    false, 0, "telegram.bot_token is not a bot token (digits, a colon, then letters)", Duration.ZERO);
        }
        Texts html = Texts.of(notice, Escaping.HTML);
        String text = "<b>" + html.title() + "</b>";
        if (!html.body().isEmpty()) {
            text = text + "\n" + cutHtml(html.body(), MAX_TEXT - text.length() - 1);
        }
        ObjectNode message = HttpDelivery.JSON.createObjectNode();
        message.put("chat_id", channel.getTelegram().getChatId());
        message.put("text", text);
        message.put("parse_mode", "HTML");
        String url = apiUrl + "/bot" + token + "/sendMessage";
        return http.post(
                notice,
                new HttpDelivery.Post(
                                "telegram-api-url",
                                url,
                                "application/json; charset=utf-8",
                                HttpDelivery.JSON.writeValueAsString(message))
                        .secret(token)
                        .secret(url),
                TelegramSender::judged);
    }

    private static DeliveryOutcome judged(HttpDelivery.Answer answer) {
        JsonNode reply;
        try {
            reply = HttpDelivery.JSON.readTree(answer.body());
        } catch (JacksonException notJson) {
            return answer.judged();
        }
        if (reply == null || !reply.has("ok")) {
            return answer.judged();
        }
        if (reply.path("ok").asBoolean(false)) {
            return DeliveryOutcome.delivered(answer.status(), Duration.ZERO);
        }
        int code = reply.path("error_code").asInt(answer.status());
        String description =
                answer.redact(Texts.oneLine(reply.path("description").asString("")));
        String error = Texts.cut("Telegram: " + (description.isEmpty() ? "error " + code : description), 200);
        JsonNode retryAfter = reply.path("parameters").path("retry_after");
        if (retryAfter.isNumber()) {
            return DeliveryOutcome.throttled(Duration.ofSeconds(retryAfter.asLong()), code, error, Duration.ZERO);
        }
        if (code == 429) {
            return DeliveryOutcome.throttled(null, code, error, Duration.ZERO);
        }
        boolean retryable = code == 408 || code >= 500 || code == 0;
        return DeliveryOutcome.failed(retryable, code, error, Duration.ZERO);
    }

    /** Cuts escaped HTML without splitting an entity such as &amp;amp;. */
    static String cutHtml(String html, int max) {
        String cut = Texts.cut(html, Math.max(1, max));
        int amp = cut.lastIndexOf('&');
        if (amp >= 0 && cut.indexOf(';', amp) < 0 && cut.length() < html.length()) {
            cut = cut.substring(0, amp) + "…";
        }
        return cut;
    }
}
