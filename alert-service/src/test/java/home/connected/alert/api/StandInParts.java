package home.connected.alert.api;

import home.connected.alert.action.MqttActions;
import home.connected.alert.delivery.Deliverer;
import home.connected.alert.delivery.DeliveryOutcome;
import home.connected.alert.delivery.Notice;
import home.connected.alert.delivery.TargetAddresses;
import home.connected.alert.template.Escaping;
import home.connected.alert.template.MessageTemplates;
import home.connected.contracts.alert.v1.Channel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Stand-ins for parts whose real bodies are built separately (delete these once they exist):
 * the same policy in small, and a Deliverer that posts the rendered title to webhook channels.
 */
@TestConfiguration(proxyBeanMethods = false)
class StandInParts {

    @Bean
    @Primary
    TargetAddresses testTargetAddresses() {
        return new TargetAddresses() {
            @Override
            public String problem(String field, String url) {
                URI uri;
                try {
                    uri = new URI(url);
                } catch (Exception e) {
                    return field + " is not a URL";
                }
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                    return field + " must be an http or https URL";
                }
                if (uri.getHost() == null || uri.getHost().startsWith("169.254.")) {
                    return field + " must not point at a link-local or cloud-metadata address";
                }
                return null;
            }
        };
    }

    @Bean
    @Primary
    MqttActions testMqttActions() {
        return new MqttActions() {
            @Override
            public String topicProblem(String topic) {
                if (topic.startsWith("connected-home/") || topic.startsWith("$")) {
                    return "the topic " + topic + " is reserved for the platform";
                }
                return null;
            }
        };
    }

    @Bean
    @Primary
    Deliverer testDeliverer() {
        return new Deliverer() {
            private final HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

            @Override
            public DeliveryOutcome deliver(Channel channel, Notice notice) {
                Instant start = Instant.now();
                String title = MessageTemplates.render(
                        notice.template().getTitle(),
                        MessageTemplates.DEFAULT_TITLE,
                        notice.variables(),
                        Escaping.NONE);
                HttpRequest.Builder request = HttpRequest.newBuilder(
                                URI.create(channel.getWebhook().getUrl()))
                        .timeout(Duration.ofSeconds(5))
                        .POST(HttpRequest.BodyPublishers.ofString(title, StandardCharsets.UTF_8));
                if (!channel.getWebhook().getSecret().isEmpty()) {
                    request.header(
                            "Authorization", "Bearer " + channel.getWebhook().getSecret());
                }
                try {
                    int code = http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    Duration took = Duration.between(start, Instant.now());
                    return code / 100 == 2
                            ? DeliveryOutcome.delivered(code, took)
                            : DeliveryOutcome.failed(code >= 500, code, "HTTP " + code, took);
                } catch (Exception e) {
                    return DeliveryOutcome.failed(true, 0, "no answer", Duration.between(start, Instant.now()));
                }
            }
        };
    }
}
