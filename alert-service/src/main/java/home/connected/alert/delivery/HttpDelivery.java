package home.connected.alert.delivery;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one HTTP client every HTTP channel kind sends through: checks the target first, posts once,
 * and turns the answer or the failure into an outcome whose error never repeats a secret.
 */
final class HttpDelivery {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Enough of an answer to judge it; the rest is not read. */
    private static final int MAX_ANSWER = 64 * 1024;

    private static final String USER_AGENT = "connected-home-alert-service";

    private final HttpClient client;
    private final Duration timeout;
    private final TargetAddresses targets;

    HttpDelivery(Duration timeout, TargetAddresses targets) {
        this.timeout = timeout;
        this.targets = targets;
        // No redirects: a receiver must not be able to bounce a request to a refused address.
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** A POST about to leave. */
    static final class Post {
        final String field;
        final String url;
        final String contentType;
        final String body;
        final Map<String, String> headers = new LinkedHashMap<>();
        final List<String> secrets = new ArrayList<>();

        /**
         * @param field the channel setting the URL comes from (named in errors instead of the URL)
         */
        Post(String field, String url, String contentType, String body) {
            this.field = field;
            this.url = url;
            this.contentType = contentType;
            this.body = body;
        }

        Post header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Text that must never show in an error (a token, a webhook URL and its path). */
        Post secret(String secret) {
            if (secret != null && !secret.isBlank()) {
                secrets.add(secret);
                try {
                    String path = URI.create(secret).getRawPath();
                    if (path != null && path.length() > 1) {
                        secrets.add(path);
                    }
                } catch (IllegalArgumentException notAUrl) {
                    // a plain token
                }
            }
            return this;
        }
    }

    /** What came back. */
    record Answer(int status, HttpHeaders headers, String body, List<String> secrets) {

        /** The usual judgement: 2xx delivered; 408, 429 and 5xx worth another try; other 4xx not. */
        DeliveryOutcome judged() {
            if (status >= 200 && status < 300) {
                return DeliveryOutcome.delivered(status, Duration.ZERO);
            }
            if (status == 429) {
                Duration wait =
                        RetryAfter.parse(headers.firstValue("Retry-After").orElse(null), Instant.now());
                return DeliveryOutcome.throttled(wait, status, "rate limited (HTTP 429)", Duration.ZERO);
            }
            if (status >= 300 && status < 400) {
                return DeliveryOutcome.failed(
                        false, status, "HTTP " + status + ": redirects are not followed", Duration.ZERO);
            }
            boolean retryable = status == 408 || status >= 500;
            return DeliveryOutcome.failed(retryable, status, "HTTP " + status + detail(), Duration.ZERO);
        }

        /** ": " and the start of a text answer, or nothing. */
        String detail() {
            String contentType = headers.firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (contentType.contains("html")) {
                return "";
            }
            String text = redact(Texts.oneLine(body));
            return text.isEmpty() ? "" : ": " + Texts.cut(text, 160);
        }

        String redact(String text) {
            String out = text;
            for (String secret : secrets) {
                out = out.replace(secret, "***");
            }
            return out;
        }
    }

    DeliveryOutcome post(Notice notice, Post post) {
        return post(notice, post, Answer::judged);
    }

    /** Sends once; judge turns an answer into the outcome. */
    DeliveryOutcome post(Notice notice, Post post, Function<Answer, DeliveryOutcome> judge) {
        try {
            String refused = targets.problemAtSend(post.field, post.url);
            if (refused != null) {
                return failed(false, refused);
            }
        } catch (UnknownHostException e) {
            return failed(true, "the host of " + post.field + " could not be resolved");
        }
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(post.url.strip()))
                    .timeout(timeout)
                    .header("Content-Type", post.contentType)
                    .header("User-Agent", USER_AGENT)
                    .header("Idempotency-Key", notice.alertId() + "-" + notice.notificationId());
            post.headers.forEach(builder::header);
            request = builder.POST(HttpRequest.BodyPublishers.ofString(post.body, UTF_8))
                    .build();
        } catch (IllegalArgumentException e) {
            return failed(false, post.field + " or a header value cannot be used in an HTTP request");
        }
        CompletableFuture<HttpResponse<String>> sent = client.sendAsync(request, HttpDelivery::limitedText);
        try {
            // The request timeout ends at the answer's head; this bounds reading its body too.
            HttpResponse<String> response = sent.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
            return judge.apply(new Answer(response.statusCode(), response.headers(), response.body(), post.secrets));
        } catch (TimeoutException e) {
            sent.cancel(true);
            return failed(true, "no answer within " + seconds());
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
            return failed(true, "interrupted while sending");
        } catch (ExecutionException e) {
            return failed(true, sendFailure(e.getCause(), post.field));
        }
    }

    private String sendFailure(Throwable cause, String field) {
        if (cause instanceof HttpConnectTimeoutException) {
            return "could not connect to the host of " + field + " within " + seconds();
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + seconds();
        }
        if (cause instanceof ConnectException) {
            return "could not connect to the host of " + field;
        }
        if (cause instanceof SSLException) {
            return "TLS with the host of " + field + " failed";
        }
        if (cause instanceof IOException) {
            return "the connection to the host of " + field + " failed ("
                    + cause.getClass().getSimpleName() + ")";
        }
        return "sending failed ("
                + (cause == null ? "unknown" : cause.getClass().getSimpleName()) + ")";
    }

    private String seconds() {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private static DeliveryOutcome failed(boolean retryable, String error) {
        return DeliveryOutcome.failed(retryable, 0, error, Duration.ZERO);
    }

    private static BodySubscriber<String> limitedText(HttpResponse.ResponseInfo info) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return BodySubscribers.mapping(
                BodySubscribers.ofByteArrayConsumer(chunk -> chunk.ifPresent(bytes -> {
                    int room = MAX_ANSWER - out.size();
                    if (room > 0) {
                        out.write(bytes, 0, Math.min(room, bytes.length));
                    }
                })),
                done -> out.toString(UTF_8));
    }
}
