package home.connected.alert.delivery;

import home.connected.alert.AlertProperties;
import home.connected.contracts.alert.v1.MessageTemplate;
import home.connected.contracts.alert.v1.Severity;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;

/** Notices and deliverers for the delivery tests. */
final class Notices {

    /** A sensor name that tries markup, markdown and a mention in every kind of channel. */
    static final String HOSTILE = "<b>*x*</b> @everyone";

    static final Instant SINCE = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant AT = Instant.parse("2026-12-01T10:05:00Z");
    static final String LINK = "http://127.0.0.1:18087/alerts/0123456789abcdef";
    static final String DASHBOARD = "http://127.0.0.1:18087";

    /** The title shows the sensor too, so its escaping is visible in titles. */
    static final MessageTemplate TEMPLATE = MessageTemplate.newBuilder()
            .setTitle("{{rule}}: {{sensor}} is {{state}}")
            .build();

    private Notices() {}

    static Notice firing() {
        return notice(Transition.FIRING, SINCE, AT);
    }

    static Notice notice(Transition transition, Instant since, Instant at) {
        return new Notice(
                "0123456789abcdef",
                42,
                "rule-1",
                "Freezer",
                Severity.SEVERITY_CRITICAL,
                transition,
                1,
                "freezer-1",
                HOSTILE,
                "temperature",
                "basement",
                "°C",
                -12.5,
                "-15",
                "above -15",
                since,
                at,
                LINK,
                TEMPLATE);
    }

    static Deliverer deliverer(String apiBase) {
        return deliverer(apiBase, new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class));
    }

    /** A deliverer whose email channels send through {@code mail}. */
    static Deliverer deliverer(JavaMailSender mail) {
        return deliverer(
                "http://127.0.0.1:1",
                new StaticListableBeanFactory(java.util.Map.of("mail", mail)).getBeanProvider(JavaMailSender.class));
    }

    static Deliverer deliverer(String apiBase, ObjectProvider<JavaMailSender> mail) {
        AlertProperties properties = properties(apiBase, Duration.ofSeconds(2));
        return new Deliverer(properties, new TargetAddresses(properties), mail);
    }

    static AlertProperties properties(String apiBase, Duration timeout) {
        return new AlertProperties(
                null,
                null,
                null,
                null,
                null,
                null,
                new AlertProperties.Delivery(
                        Duration.ofSeconds(2),
                        Duration.ofMinutes(5),
                        Duration.ofHours(24),
                        timeout,
                        30,
                        false,
                        Duration.ofSeconds(1),
                        4),
                new AlertProperties.Channels("alerts@home.example", apiBase, apiBase),
                DASHBOARD,
                null,
                null);
    }
}
