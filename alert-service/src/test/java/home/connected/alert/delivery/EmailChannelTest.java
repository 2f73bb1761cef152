package home.connected.alert.delivery;

import static home.connected.alert.delivery.Notices.HOSTILE;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import home.connected.contracts.alert.v1.Channel;
import home.connected.contracts.alert.v1.EmailChannel;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Email through a real SMTP server (GreenMail). GreenMail 2.1 offers no STARTTLS, so mail goes
 * over plain SMTP here; that STARTTLS, when required, is insisted on is checked against it too.
 * STARTTLS with a login is {@link EmailStartTlsTest}.
 */
class EmailChannelTest {

    @RegisterExtension
    static final GreenMailExtension smtp =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @Test
    void sendsSubjectFromToAndBothParts() throws Exception {
        Deliverer deliverer = deliverer(false);
        DeliveryOutcome outcome = deliverer.deliver(
                Channel.newBuilder()
                        .setEmail(EmailChannel.newBuilder()
                                .addTo("anna@home.example")
                                .addTo("ben@home.example"))
                        .build(),
                Notices.firing());

        assertThat(outcome.delivered()).as(outcome.error()).isTrue();
        assertThat(smtp.waitForIncomingEmail(5000, 2)).isTrue();
        MimeMessage message = smtp.getReceivedMessages()[0];
        assertThat(message.getSubject()).isEqualTo("Freezer: " + HOSTILE + " is firing");
        assertThat(message.getFrom()).containsExactly(new InternetAddress("alerts@home.example"));
        assertThat(Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .map(Object::toString))
                .containsExactly("anna@home.example", "ben@home.example");
        assertThat(message.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat((String) parts.getBodyPart(0).getContent()).contains(HOSTILE).contains("-12.5 °C");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(html)
                .contains("&lt;b&gt;*x*&lt;/b&gt; @everyone")
                .doesNotContain(HOSTILE)
                .contains("<a href=\"" + Notices.LINK + "\">");
    }

    @Test
    void requiredStartTlsIsInsistedOn() {
        DeliveryOutcome outcome = deliverer(true)
                .deliver(
                        Channel.newBuilder()
                                .setEmail(EmailChannel.newBuilder().addTo("anna@home.example"))
                                .build(),
                        Notices.firing());

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.error()).startsWith("the SMTP server does not offer STARTTLS");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void refusedRecipientIsReported() {
        DeliveryOutcome outcome = deliverer(false)
                .deliver(
                        Channel.newBuilder()
                                .setEmail(EmailChannel.newBuilder().addTo("not an address"))
                                .build(),
                        Notices.firing());

        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.error()).contains("not valid");
    }

    private static Deliverer deliverer(boolean startTls) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtp.getSmtp().getPort());
        Properties properties = new Properties();
        properties.put("mail.smtp.starttls.enable", String.valueOf(startTls));
        properties.put("mail.smtp.starttls.required", String.valueOf(startTls));
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "5000");
        sender.setJavaMailProperties(properties);
        return Notices.deliverer(sender);
    }
}
