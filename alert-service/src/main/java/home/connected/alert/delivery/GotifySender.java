package home.connected.alert.delivery;

import home.connected.alert.template.Escaping;
import home.connected.contracts.alert.v1.Channel;
import tools.jackson.databind.node.ObjectNode;

/** Gotify: POST {@code <server>/message} with the application token in X-Gotify-Key. */
final class GotifySender implements Sender {

    private final HttpDelivery http;

    GotifySender(HttpDelivery http) {
        this.http = http;
    }

    @Override
    public DeliveryOutcome send(Channel channel, Notice notice) {
        Texts texts = Texts.of(notice, Escaping.NONE);
        ObjectNode message = HttpDelivery.JSON.createObjectNode();
        message.put("title", Texts.oneLine(texts.title()));
        message.put("message", texts.body().isEmpty() ? texts.title() : texts.body());
        message.put("priority", priority(notice));
        ObjectNode extras = message.putObject("extras");
        extras.putObject("client::display").put("contentType", "text/plain");
        if (notice.link() != null && notice.link().startsWith("http")) {
            extras.putObject("client::notification").putObject("click").put("url", notice.link());
        }
        String token = channel.getGotify().getAppToken();
        return http.post(
                notice,
                new HttpDelivery.Post(
                                "gotify.server_url",
                                channel.getGotify().getServerUrl().strip().replaceAll("/+$", "") + "/message",
                                "application/json; charset=utf-8",
                                HttpDelivery.JSON.writeValueAsString(message))
                        .header("X-Gotify-Key", token)
                        .secret(token));
    }

    /** Gotify's clients treat 8 and above as high, 4 to 7 as normal, 1 to 3 as low. */
    static int priority(Notice notice) {
        return switch (notice.severityName()) {
            case "critical" -> 8;
            case "info" -> 2;
            default -> 5;
        };
    }
}
