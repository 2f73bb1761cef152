package home.connected.alert.delivery;

import home.connected.alert.template.Escaping;
import home.connected.contracts.alert.v1.Channel;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts the alert to an existing Alertmanager ({@code POST /api/v2/alerts}, a list of postable
 * alerts), so its routing, grouping and silences apply. endsAt is the resolve time on RESOLVED.
 */
final class AlertmanagerSender implements Sender {

    /**
     * endsAt while firing. Alertmanager resolves an alert on its own at endsAt (resolve_timeout
     * after receipt when omitted) and expects clients to re-send active alerts; we send only on
     * transitions and repeats, so a firing alert is held well past any repeat and ended explicitly.
     */
    static final Duration FIRING_HOLD = Duration.ofDays(7);

    /** A test alert shows briefly and then ends by itself. */
    static final Duration TEST_HOLD = Duration.ofMinutes(5);

    private final HttpDelivery http;

    AlertmanagerSender(HttpDelivery http) {
        this.http = http;
    }

    @Override
    public DeliveryOutcome send(Channel channel, Notice notice) {
        Texts texts = Texts.of(notice, Escaping.NONE);
        ArrayNode alerts = HttpDelivery.JSON.createArrayNode();
        ObjectNode alert = alerts.addObject();
        WebhookSender.putMap(alert, "labels", AlertLabels.labels(notice));
        WebhookSender.putMap(alert, "annotations", AlertLabels.annotations(notice, texts));
        alert.put("startsAt", AlertLabels.time(notice.since()));
        alert.put("endsAt", AlertLabels.time(endsAt(notice)));
        if (notice.link() != null && notice.link().startsWith("http")) {
            alert.put("generatorURL", notice.link());
        }

        String base = channel.getAlertmanager().getUrl().strip();
        String token = channel.getAlertmanager().getBearerToken();
        HttpDelivery.Post post = new HttpDelivery.Post(
                "alertmanager.url",
                base.replaceAll("/+$", "") + "/api/v2/alerts",
                "application/json; charset=utf-8",
                HttpDelivery.JSON.writeValueAsString(alerts));
        if (!token.isBlank()) {
            post.header("Authorization", "Bearer " + token).secret(token);
        }
        return http.post(notice, post);
    }

    private static Instant endsAt(Notice notice) {
        return switch (notice.transition()) {
            case RESOLVED -> notice.at();
            case TEST -> notice.at().plus(TEST_HOLD);
            default -> notice.at().plus(FIRING_HOLD);
        };
    }
}
