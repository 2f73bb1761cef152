package home.connected.alert.delivery;

import home.connected.alert.template.Escaping;
import home.connected.contracts.alert.v1.Channel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ObjectNode;

/**
 * A generic webhook receiving Alertmanager's webhook JSON (version 4), so receivers written for
 * Alertmanager work unchanged. Each notice is a group of one alert; the group is the series, so
 * receivers that deduplicate by groupKey keep the series apart.
 */
final class WebhookSender implements Sender {

    private final HttpDelivery http;
    private final String externalUrl;

    WebhookSender(HttpDelivery http, String externalUrl) {
        this.http = http;
        this.externalUrl = externalUrl == null ? "" : externalUrl;
    }

    @Override
    public DeliveryOutcome send(Channel channel, Notice notice) {
        Texts texts = Texts.of(notice, Escaping.NONE);
        Map<String, String> labels = AlertLabels.labels(notice);
        Map<String, String> annotations = AlertLabels.annotations(notice, texts);
        String status = AlertLabels.status(notice);

        ObjectNode payload = HttpDelivery.JSON.createObjectNode();
        payload.put("version", "4");
        Map<String, String> groupLabels = new LinkedHashMap<>(labels);
        groupLabels.keySet().retainAll(Set.of("alertname", "rule_id", "device", "sensor", "quantity"));
        payload.put("groupKey", groupKey(groupLabels));
        payload.put("truncatedAlerts", 0);
        payload.put("status", status);
        payload.put("receiver", channel.getName().isBlank() ? "connected-home" : channel.getName());
        putMap(payload, "groupLabels", groupLabels);
        putMap(payload, "commonLabels", labels);
        putMap(payload, "commonAnnotations", annotations);
        payload.put("externalURL", externalUrl);
        ObjectNode alert = payload.putArray("alerts").addObject();
        alert.put("status", status);
        putMap(alert, "labels", labels);
        putMap(alert, "annotations", annotations);
        alert.put("startsAt", AlertLabels.time(notice.since()));
        alert.put(
                "endsAt",
                notice.transition() == Transition.RESOLVED ? AlertLabels.time(notice.at()) : AlertLabels.NOT_ENDED);
        alert.put("generatorURL", notice.link() == null ? "" : notice.link());
        alert.put("fingerprint", notice.alertId());

        String url = channel.getWebhook().getUrl();
        String secret = channel.getWebhook().getSecret();
        HttpDelivery.Post post = new HttpDelivery.Post(
                "webhook.url", url, "application/json; charset=utf-8", HttpDelivery.JSON.writeValueAsString(payload));
        if (!secret.isBlank()) {
            post.header("Authorization", "Bearer " + secret).secret(secret);
        }
        return http.post(notice, post);
    }

    /** Alertmanager's form: {}:{name="value", ...} (route key, then the group labels). */
    private static String groupKey(Map<String, String> groupLabels) {
        return groupLabels.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e ->
                        e.getKey() + "=\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(", ", "{}:{", "}"));
    }

    static void putMap(ObjectNode parent, String name, Map<String, String> map) {
        ObjectNode node = parent.putObject(name);
        map.forEach(node::put);
    }
}
