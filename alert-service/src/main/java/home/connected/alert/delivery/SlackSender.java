package home.connected.alert.delivery;

import home.connected.alert.template.Escaping;
import home.connected.contracts.alert.v1.Channel;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Slack incoming webhook: {@code text} (the title, the fallback for notifications) and Block Kit
 * {@code blocks}: a header and a mrkdwn section with the body.
 */
final class SlackSender implements Sender {

    private final HttpDelivery http;

    SlackSender(HttpDelivery http) {
        this.http = http;
    }

    @Override
    public DeliveryOutcome send(Channel channel, Notice notice) {
        String url = channel.getSlack().getWebhookUrl();
        Texts mrkdwn = Texts.of(notice, Escaping.SLACK);
        ObjectNode message = HttpDelivery.JSON.createObjectNode();
        message.put("text", Texts.cut(mrkdwn.title(), 3000));
        ArrayNode blocks = message.putArray("blocks");
        // A header is plain_text, which Slack shows as written: no markup to escape there.
        String plainTitle = Texts.oneLine(Texts.of(notice, Escaping.NONE).title());
        if (!plainTitle.isEmpty()) {
            ObjectNode header = blocks.addObject().put("type", "header");
            header.putObject("text")
                    .put("type", "plain_text")
                    .put("text", Texts.cut(plainTitle, 150))
                    .put("emoji", true);
        }
        if (!mrkdwn.body().isEmpty()) {
            ObjectNode section = blocks.addObject().put("type", "section");
            section.putObject("text").put("type", "mrkdwn").put("text", Texts.cut(mrkdwn.body(), 3000));
        }
        return http.post(
                notice,
                new HttpDelivery.Post(
                                "slack.webhook_url",
                                url,
                                "application/json; charset=utf-8",
                                HttpDelivery.JSON.writeValueAsString(message))
                        .secret(url));
    }
}
