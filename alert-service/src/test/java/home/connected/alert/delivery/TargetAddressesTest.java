package home.connected.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class TargetAddressesTest {

    private final TargetAddresses targets = new TargetAddresses(false);

    @Test
    void refusesCloudMetadataAndLinkLocal() {
        assertThat(targets.problem("webhook.url", "http://169.254.169.254/latest/meta-data/"))
                .isEqualTo("webhook.url points to a cloud metadata address, which is refused"
                        + " (ch.alert.delivery.allow-link-local allows it)");
        assertThat(targets.problem("webhook.url", "http://169.254.10.20:8080/"))
                .startsWith("webhook.url points to a link-local address");
        assertThat(targets.problem("webhook.url", "http://[fe80::1]/"))
                .startsWith("webhook.url points to a link-local");
        assertThat(targets.problem("webhook.url", "http://[fd00:ec2::254]/")).contains("cloud metadata");
        assertThat(targets.problem("webhook.url", "http://metadata.google.internal/computeMetadata/v1/"))
                .contains("cloud metadata");
        assertThat(targets.problem("webhook.url", "http://METADATA.google.internal./"))
                .contains("cloud metadata");
        assertThat(targets.problem("webhook.url", "http://metadata/")).contains("cloud metadata");
        assertThat(targets.problem("webhook.url", "http://[::ffff:169.254.169.254]/"))
                .contains("cloud metadata");
        assertThat(targets.problem("webhook.url", "http://[64:ff9b::a9fe:a9fe]/"))
                .contains("cloud metadata");
    }

    @Test
    void refusesOtherSchemesAndMissingHosts() {
        assertThat(targets.problem("webhook.url", "file:///etc/passwd"))
                .isEqualTo("webhook.url must be an http or https URL");
        assertThat(targets.problem("ntfy.server_url", "gopher://127.0.0.1:70/"))
                .isEqualTo("ntfy.server_url must be an http or https URL");
        assertThat(targets.problem("webhook.url", "ftp://example.com/")).endsWith("must be an http or https URL");
        assertThat(targets.problem("webhook.url", "http:///path")).isEqualTo("webhook.url must name a host");
        assertThat(targets.problem("webhook.url", "not a url")).isEqualTo("webhook.url is not a valid URL");
        assertThat(targets.problem("webhook.url", "")).isEqualTo("webhook.url is required");
    }

    @Test
    void allowsLoopbackLanAndPublicTargets() {
        assertThat(targets.problem("webhook.url", "http://127.0.0.1:8080/hook")).isNull();
        assertThat(targets.problem("gotify.server_url", "http://192.168.1.10/")).isNull();
        assertThat(targets.problem("gotify.server_url", "http://10.0.0.5:8080/"))
                .isNull();
        assertThat(targets.problem("webhook.url", "http://[::1]:9000/")).isNull();
        assertThat(targets.problem("slack.webhook_url", "https://hooks.slack.com/services/T/B/X"))
                .isNull();
    }

    @Test
    void theSwitchAllowsLinkLocalAndMetadata() {
        TargetAddresses permissive = new TargetAddresses(true);

        assertThat(permissive.problem("webhook.url", "http://169.254.169.254/")).isNull();
        assertThat(permissive.problem("webhook.url", "http://[fe80::1]/")).isNull();
        assertThat(permissive.problem("webhook.url", "http://metadata.google.internal/"))
                .isNull();
        assertThat(permissive.problem("webhook.url", "file:///etc/passwd")).endsWith("must be an http or https URL");
    }

    @Test
    void checksWhatAHostNameResolvesTo() throws UnknownHostException {
        // "localhost" resolves to loopback: allowed; the resolved check runs without DNS traffic.
        assertThat(targets.problemAtSend("webhook.url", "http://localhost:8080/"))
                .isNull();
        assertThat(targets.problemAtSend("webhook.url", "http://169.254.169.254/"))
                .contains("cloud metadata");
    }

    @Test
    void errorsDoNotRepeatTheUrl() {
        assertThat(targets.problem("slack.webhook_url", "gopher://hooks.slack.com/services/T/B/SECRET"))
                .doesNotContain("SECRET");
    }
}
