package home.connected.alert.delivery;

import static java.nio.charset.StandardCharsets.UTF_8;

import home.connected.alert.template.Escaping;
import home.connected.contracts.alert.v1.Channel;
import java.net.URLEncoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Pushover Message API: POST form fields to {@code <api>/1/messages.json}. It answers
 * {@code {"status":1}} when accepted, otherwise {@code status} 0 and {@code errors}.
 */
final class PushoverSender implements Sender {

    private final HttpDelivery http;
    private final String apiUrl;

    PushoverSender(HttpDelivery http, String apiUrl) {
        this.http = http;
        this.apiUrl = apiUrl.strip().replaceAll("/+$", "");
    }

    @Override
    public DeliveryOutcome send(Channel channel, Notice notice) {
        var pushover = channel.getPushover();
        Texts texts = Texts.of(notice, Escaping.NONE);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", pushover.getAppToken());
        form.put("user", pushover.getUserKey());
        form.put("title", Texts.cut(Texts.oneLine(texts.title()), 250));
        form.put("message", Texts.cut(texts.body().isEmpty() ? texts.title() : texts.body(), 1024));
        form.put("priority", notice.severityName().equals("critical") ? "1" : "0");
        if (notice.link() != null
                && notice.link().startsWith("http")
                && notice.link().length() <= 512) {
            form.put("url", notice.link());
        }
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), UTF_8) + "=" + URLEncoder.encode(e.getValue(), UTF_8))
                .collect(Collectors.joining("&"));
        return http.post(
                notice,
                new HttpDelivery.Post(
                                "pushover-api-url",
                                apiUrl + "/1/messages.json",
                                "application/x-www-form-urlencoded",
                                body)
                        .secret(pushover.getAppToken())
                        .secret(pushover.getUserKey()),
                PushoverSender::judged);
    }

    private static DeliveryOutcome judged(HttpDelivery.Answer answer) {
        JsonNode reply;
        try {
            reply = HttpDelivery.JSON.readTree(answer.body());
        } catch (JacksonException notJson) {
            return answer.judged();
        }
        if (reply == null || !reply.has("status")) {
            return answer.judged();
        }
        if (answer.status() >= 200
                && answer.status() < 300
                && reply.path("status").asInt() == 1) {
            return DeliveryOutcome.delivered(answer.status(), Duration.ZERO);
        }
        List<String> errors = new ArrayList<>();
        reply.path("errors").forEach(e -> errors.add(e.asString("")));
        DeliveryOutcome usual = answer.judged();
        String error = errors.isEmpty()
                ? usual.error()
                : Texts.cut("Pushover: " + answer.redact(Texts.oneLine(String.join("; ", errors))), 200);
        if (usual.delivered()) {
            return DeliveryOutcome.failed(false, answer.status(), error, Duration.ZERO);
        }
        return new DeliveryOutcome(false, usual.retryable(), usual.retryAfter(), answer.status(), error, Duration.ZERO);
    }
}
