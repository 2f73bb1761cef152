package home.connected.alert.notification;

import home.connected.alert.delivery.Deliverer;
import home.connected.alert.delivery.DeliveryOutcome;
import home.connected.alert.delivery.Notice;
import home.connected.contracts.alert.v1.Channel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The least a Deliverer must do, for real: POSTs the notice as JSON to the webhook channel's URL
 * with its Idempotency-Key and maps the answer (2xx delivered; 429 with Retry-After throttled; 5xx
 * retryable; other 4xx final). Stands in for the real Deliverer until that one is merged.
 */
class HttpPostingDeliverer extends Deliverer {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public DeliveryOutcome deliver(Channel channel, Notice notice) {
        long started = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(channel.getWebhook().getUrl()))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", String.valueOf(notice.notificationId()))
                .POST(HttpRequest.BodyPublishers.ofString(json(notice)))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            int status = response.statusCode();
            if (status / 100 == 2) {
                return DeliveryOutcome.delivered(status, took);
            }
            if (status == 429) {
                Duration retryAfter = response.headers()
                        .firstValue("Retry-After")
                        .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds.trim())))
                        .orElse(null);
                return DeliveryOutcome.throttled(retryAfter, status, "HTTP 429 Too Many Requests", took);
            }
            return DeliveryOutcome.failed(status >= 500, status, "HTTP " + status, took);
        } catch (IOException e) {
            return DeliveryOutcome.failed(true, 0, "could not connect", Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryOutcome.failed(true, 0, "interrupted", Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static String json(Notice notice) {
        return "{\"notificationId\":" + notice.notificationId()
                + ",\"alertId\":\"" + escape(notice.alertId())
                + "\",\"rule\":\"" + escape(notice.ruleName())
                + "\",\"transition\":\"" + notice.transition()
                + "\",\"severity\":\"" + notice.severityName()
                + "\",\"episode\":" + notice.episode()
                + ",\"device\":\"" + escape(notice.deviceId())
                + "\",\"value\":\"" + escape(notice.variables().get("value"))
                + "\",\"title\":\"" + escape(notice.template().getTitle())
                + "\",\"link\":\"" + escape(notice.link()) + "\"}";
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
