package home.connected.alert.delivery;

import home.connected.alert.template.Escaping;
import home.connected.contracts.alert.v1.Channel;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Email through Spring Boot's mail sender (spring.mail.*): subject = the title, a
 * multipart/alternative body with a plain text part and an HTML part.
 */
final class EmailSender implements Sender {

    private final ObjectProvider<JavaMailSender> mail;
    private final String from;

    EmailSender(ObjectProvider<JavaMailSender> mail, String from) {
        this.mail = mail;
        this.from = from;
    }

    @Override
    public DeliveryOutcome send(Channel channel, Notice notice) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null
                || (sender instanceof JavaMailSenderImpl impl
                        && (impl.getHost() == null || impl.getHost().isBlank()))) {
            return failed(false, 0, "SMTP is not configured (spring.mail.host)");
        }
        List<String> to = channel.getEmail().getToList();
        if (to.isEmpty()) {
            return failed(false, 0, "email.to has no recipient");
        }
        MimeMessage message;
        try {
            message = message(sender, to, notice);
        } catch (AddressException e) {
            return failed(false, 0, "an address of email.to or ch.alert.channels.email-from is not valid");
        } catch (MessagingException e) {
            return failed(false, 0, "the message could not be built");
        }
        try {
            sender.send(message);
            return DeliveryOutcome.delivered(250, Duration.ZERO);
        } catch (MailAuthenticationException e) {
            return failed(false, 535, "the SMTP server refused the login (spring.mail.username/password)");
        } catch (MailSendException e) {
            return sendFailure(e);
        } catch (MailException e) {
            return failed(true, 0, "sending mail failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    private MimeMessage message(JavaMailSender sender, List<String> to, Notice notice) throws MessagingException {
        Texts plain = Texts.of(notice, Escaping.NONE);
        Texts html = Texts.of(notice, Escaping.HTML);
        MimeMessage message = sender.createMimeMessage();
        message.setFrom(new InternetAddress(from, true));
        List<InternetAddress> recipients = new ArrayList<>();
        for (String address : to) {
            recipients.add(new InternetAddress(address.strip(), true));
        }
        message.setRecipients(MimeMessage.RecipientType.TO, recipients.toArray(InternetAddress[]::new));
        message.setSubject(Texts.oneLine(plain.title()), "UTF-8");
        message.setHeader("X-Connected-Home-Alert", notice.alertId());

        MimeBodyPart text = new MimeBodyPart();
        text.setText(plain.body(), "UTF-8", "plain");
        MimeBodyPart page = new MimeBodyPart();
        page.setText(html(html, notice), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(page);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    private static String html(Texts html, Notice notice) {
        StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html><body>\n<h3>")
                .append(html.title())
                .append("</h3>\n<p>")
                .append(html.body().replace("\n", "<br>\n"))
                .append("</p>\n");
        if (notice.link() != null && notice.link().startsWith("http")) {
            page.append("<p><a href=\"")
                    .append(Escaping.HTML.escape(notice.link()))
                    .append("\">Open in Connected Home</a></p>\n");
        }
        return page.append("</body></html>\n").toString();
    }

    /** The server's reply code decides: 5xx is permanent, 4xx and no reply are worth a retry. */
    private static DeliveryOutcome sendFailure(MailSendException e) {
        Throwable cause = e.getFailedMessages().values().stream()
                .map(Throwable.class::cast)
                .findFirst()
                .orElse(e.getCause());
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String text = t.getMessage() == null ? "" : t.getMessage();
            if (text.toLowerCase(Locale.ROOT).contains("starttls")) {
                return failed(
                        false,
                        0,
                        "the SMTP server does not offer STARTTLS, which is required" + " (CH_ALERT_SMTP_STARTTLS)");
            }
            int code = returnCode(t);
            if (code >= 400) {
                return failed(code < 500, code, "the SMTP server answered " + code);
            }
        }
        return failed(true, 0, "could not reach the SMTP server");
    }

    /** SMTP reply code of Angus Mail's SMTP exceptions (not on the compile classpath), or 0. */
    private static int returnCode(Throwable t) {
        try {
            Object code = t.getClass().getMethod("getReturnCode").invoke(t);
            return code instanceof Integer i ? i : 0;
        } catch (ReflectiveOperationException | RuntimeException none) {
            return 0;
        }
    }

    private static DeliveryOutcome failed(boolean retryable, int code, String error) {
        return DeliveryOutcome.failed(retryable, code, error, Duration.ZERO);
    }
}
