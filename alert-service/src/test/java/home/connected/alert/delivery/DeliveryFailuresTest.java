package home.connected.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import home.connected.contracts.alert.v1.Channel;
import home.connected.contracts.alert.v1.EmailChannel;
import home.connected.contracts.alert.v1.SlackChannel;
import home.connected.contracts.alert.v1.TelegramChannel;
import home.connected.contracts.alert.v1.WebhookChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;

/** How the answers and failures of receivers become outcomes the dispatcher can act on. */
class DeliveryFailuresTest {

    private final Receiver receiver = Receiver.start();
    private final Deliverer deliverer = Notices.deliverer(receiver.url("/api"));

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void http429RetryAfterSecondsIsHonoured() {
        receiver.answer(429, "slow down", "Retry-After", "7");

        DeliveryOutcome outcome = deliverer.deliver(webhook(receiver.url("/hook")), Notices.firing());

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isTrue();
        assertThat(outcome.responseCode()).isEqualTo(429);
        assertThat(outcome.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void telegramRetryAfterIsHonoured() {
        receiver.answer(
                429,
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 13\","
                        + "\"parameters\":{\"retry_after\":13}}",
                "Content-Type",
                "application/json");

        DeliveryOutcome outcome = deliverer.deliver(
                Channel.newBuilder()
                        .setTelegram(TelegramChannel.newBuilder()
                                .setBotToken("123:abc")
                                .setChatId("1"))
                        .build(),
                Notices.firing());

        assertThat(outcome.retryable()).isTrue();
        assertThat(outcome.responseCode()).isEqualTo(429);
        assertThat(outcome.retryAfter()).isEqualTo(Duration.ofSeconds(13));
        assertThat(outcome.error()).contains("Too Many Requests").doesNotContain("123:abc");
    }

    @Test
    void serverErrorIsRetryable() {
        receiver.answer(500, "boom");

        DeliveryOutcome outcome = deliverer.deliver(webhook(receiver.url("/hook")), Notices.firing());

        assertThat(outcome.retryable()).isTrue();
        assertThat(outcome.responseCode()).isEqualTo(500);
        assertThat(outcome.error()).isEqualTo("HTTP 500: boom");
        assertThat(outcome.took()).isPositive();
    }

    @Test
    void clientErrorIsNotRetryable() {
        receiver.answer(400, "invalid_payload");

        DeliveryOutcome outcome = deliverer.deliver(webhook(receiver.url("/hook")), Notices.firing());

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.responseCode()).isEqualTo(400);
    }

    @Test
    void requestTimeoutAnswerIsRetryable() {
        receiver.answer(408, "");

        assertThat(deliverer
                        .deliver(webhook(receiver.url("/hook")), Notices.firing())
                        .retryable())
                .isTrue();
    }

    @Test
    void errorsNeverRepeatAWebhookToken() {
        String url = receiver.url("/services/T1/B1/TOPSECRETTOKEN");
        receiver.answer(404, "no_service for /services/T1/B1/TOPSECRETTOKEN");

        DeliveryOutcome outcome = deliverer.deliver(
                Channel.newBuilder()
                        .setSlack(SlackChannel.newBuilder().setWebhookUrl(url))
                        .build(),
                Notices.firing());

        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.error()).startsWith("HTTP 404: no_service").doesNotContain("TOPSECRETTOKEN");
    }

    @Test
    void refusedConnectionIsRetryable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        DeliveryOutcome outcome = deliverer.deliver(
                Channel.newBuilder()
                        .setSlack(SlackChannel.newBuilder()
                                .setWebhookUrl("http://127.0.0.1:" + closedPort + "/services/T/B/SECRET"))
                        .build(),
                Notices.firing());

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isTrue();
        assertThat(outcome.responseCode()).isZero();
        assertThat(outcome.error())
                .isEqualTo("could not connect to the host of slack.webhook_url")
                .doesNotContain("SECRET");
    }

    @Test
    void slowReceiverTimesOutRetryably() throws IOException {
        // Accepts the connection and never answers.
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Deliverer quick = new Deliverer(
                    Notices.properties("http://127.0.0.1:1", Duration.ofMillis(300)),
                    new TargetAddresses(false),
                    new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class));

            DeliveryOutcome outcome =
                    quick.deliver(webhook("http://127.0.0.1:" + silent.getLocalPort() + "/hook"), Notices.firing());

            assertThat(outcome.retryable()).isTrue();
            assertThat(outcome.error()).isEqualTo("no answer within 300 ms");
        }
    }

    @Test
    void linkLocalTargetIsRefusedWithoutSending() {
        DeliveryOutcome outcome =
                deliverer.deliver(webhook("http://169.254.169.254/latest/meta-data/"), Notices.firing());

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.error()).startsWith("webhook.url points to a cloud metadata address");
    }

    @Test
    void channelWithoutTargetIsNotRetryable() {
        DeliveryOutcome outcome =
                deliverer.deliver(Channel.newBuilder().setId("x").build(), Notices.firing());

        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.error()).isEqualTo("the channel has no target");
    }

    @Test
    void emailWithoutSmtpIsNotRetryable() {
        DeliveryOutcome outcome = deliverer.deliver(
                Channel.newBuilder()
                        .setEmail(EmailChannel.newBuilder().addTo("a@b.example"))
                        .build(),
                Notices.firing());

        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.error()).startsWith("SMTP is not configured");
    }

    private static Channel webhook(String url) {
        return Channel.newBuilder()
                .setWebhook(WebhookChannel.newBuilder().setUrl(url))
                .build();
    }
}
