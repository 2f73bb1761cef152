package home.connected.alert.delivery;

import static java.nio.charset.StandardCharsets.UTF_8;

import home.connected.alert.template.Escaping;
import home.connected.contracts.alert.v1.Channel;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * ntfy: POST {@code <server>/<topic>} with the body as the message and Title, Priority, Tags
 * (and Click, the dashboard link) as headers.
 */
final class NtfySender implements Sender {

    private static final Pattern TOPIC = Pattern.compile("[-_A-Za-z0-9]{1,64}");

    private final HttpDelivery http;

    NtfySender(HttpDelivery http) {
        this.http = http;
    }

    @Override
    public DeliveryOutcome send(Channel channel, Notice notice) {
        var ntfy = channel.getNtfy();
        if (!TOPIC.matcher(ntfy.getTopic()).matches()) {
            return DeliveryOutcome.failed(
                    false, 0, "ntfy.topic must be 1 to 64 letters, digits, - or _", Duration.ZERO);
        }
        Texts texts = Texts.of(notice, Escaping.NONE);
        HttpDelivery.Post post = new HttpDelivery.Post(
                        "ntfy.server_url",
                        ntfy.getServerUrl().strip().replaceAll("/+$", "") + "/" + ntfy.getTopic(),
                        "text/plain; charset=utf-8",
                        Texts.cut(texts.body().isEmpty() ? texts.title() : texts.body(), 4000))
                .header("Title", header(Texts.cut(Texts.oneLine(texts.title()), 250)))
                .header("Priority", priority(notice))
                .header("Tags", tags(notice));
        if (notice.link() != null && notice.link().startsWith("http")) {
            post.header("Click", notice.link());
        }
        if (!ntfy.getToken().isBlank()) {
            post.header("Authorization", "Bearer " + ntfy.getToken()).secret(ntfy.getToken());
        }
        return http.post(notice, post);
    }

    /** 5 (urgent) for critical, 4 (high) for warning, 3 (default) for info. */
    static String priority(Notice notice) {
        return switch (notice.severityName()) {
            case "critical" -> "5";
            case "info" -> "3";
            default -> "4";
        };
    }

    /** Emoji short codes ntfy shows before the title, and the severity. */
    private static String tags(Notice notice) {
        String emoji = switch (notice.transition()) {
            case RESOLVED -> "white_check_mark";
            case TEST -> "test_tube";
            default ->
                switch (notice.severityName()) {
                    case "critical" -> "rotating_light";
                    case "info" -> "information_source";
                    default -> "warning";
                };
        };
        return emoji + "," + notice.severityName();
    }

    /** HTTP headers carry ASCII; ntfy reads other text as RFC 2047 encoded words. */
    static String header(String value) {
        boolean ascii = value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        return ascii ? value : "=?UTF-8?B?" + Base64.getEncoder().encodeToString(value.getBytes(UTF_8)) + "?=";
    }
}
