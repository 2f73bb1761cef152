package home.connected.alert.rule;

import com.google.protobuf.util.Durations;
import home.connected.alert.AlertProperties;
import home.connected.alert.delivery.Notice;
import home.connected.alert.delivery.Transition;
import home.connected.alert.template.Escaping;
import home.connected.alert.template.MessageTemplates;
import home.connected.contracts.alert.v1.Comparison;
import home.connected.contracts.alert.v1.MessageTemplate;
import home.connected.contracts.alert.v1.RenderedMessage;
import home.connected.contracts.alert.v1.Rule;
import home.connected.contracts.alert.v1.RulePreview;
import home.connected.contracts.alert.v1.SensorSelector;
import home.connected.contracts.alert.v1.Threshold;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A rule's texts as each kind of channel would receive them, for a made-up series that matches its
 * selector, once firing and once resolved.
 */
@Component
class RulePreviews {

    /** The escaping each kind of channel reads its text with (see {@link Escaping}). */
    static final Map<String, Escaping> KINDS = kinds();

    private final String link;

    RulePreviews(AlertProperties properties) {
        this.link = properties.dashboardUrl() == null ? "" : properties.dashboardUrl();
    }

    RulePreview preview(Rule rule) {
        RulePreview.Builder preview = RulePreview.newBuilder();
        for (Transition transition : new Transition[] {Transition.FIRING, Transition.RESOLVED}) {
            Notice notice = example(rule, transition);
            Map<String, String> variables = notice.variables();
            MessageTemplate template = rule.getTemplate();
            KINDS.forEach((kind, escaping) -> preview.addMessages(RenderedMessage.newBuilder()
                    .setTransition(transition.state())
                    .setChannelKind(kind)
                    .setTitle(MessageTemplates.render(
                            template.getTitle(), MessageTemplates.DEFAULT_TITLE, variables, escaping))
                    .setBody(MessageTemplates.render(
                            template.getBody(), MessageTemplates.DEFAULT_BODY, variables, escaping))));
        }
        return preview.build();
    }

    private Notice example(Rule rule, Transition transition) {
        SensorSelector selector = rule.getSelector();
        String quantity = or(selector.getQuantity(), "temperature");
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant since =
                transition == Transition.FIRING ? at.minus(Duration.ofMinutes(5)) : at.minus(Duration.ofHours(1));
        return new Notice(
                "0123456789abcdef",
                0,
                rule.getId(),
                rule.getName(),
                rule.getSeverity(),
                transition,
                1,
                or(selector.getDeviceId(), "kitchen-node"),
                or(selector.getSensor(), "sht31"),
                quantity,
                or(selector.getLocation(), "kitchen"),
                unit(quantity),
                value(rule, transition == Transition.FIRING),
                threshold(rule),
                reason(rule),
                since,
                at,
                link,
                rule.getTemplate());
    }

    private static double value(Rule rule, boolean firing) {
        return switch (rule.getConditionCase()) {
            case THRESHOLD -> {
                Threshold threshold = rule.getThreshold();
                double margin = threshold.getHysteresis() + 1;
                boolean above = threshold.getComparison() == Comparison.COMPARISON_ABOVE;
                yield threshold.getValue() + ((above == firing) ? margin : -margin);
            }
            case RATE_OF_CHANGE -> 20 + (firing ? rule.getRateOfChange().getMaxChange() * 1.5 : 0);
            default -> firing ? Double.NaN : 21.5;
        };
    }

    static String threshold(Rule rule) {
        return switch (rule.getConditionCase()) {
            case THRESHOLD -> number(rule.getThreshold().getValue());
            case NO_DATA -> "no data for " + duration(rule.getNoData().getAfter());
            case RATE_OF_CHANGE ->
                "a change of " + number(rule.getRateOfChange().getMaxChange()) + " within "
                        + duration(rule.getRateOfChange().getPer());
            default -> "";
        };
    }

    static String reason(Rule rule) {
        return switch (rule.getConditionCase()) {
            case THRESHOLD -> {
                Threshold threshold = rule.getThreshold();
                String reason = (threshold.getComparison() == Comparison.COMPARISON_ABOVE ? "above " : "below ")
                        + number(threshold.getValue());
                yield threshold.hasForDuration() && Durations.toNanos(threshold.getForDuration()) > 0
                        ? reason + " for " + duration(threshold.getForDuration())
                        : reason;
            }
            case NO_DATA -> "no data for " + duration(rule.getNoData().getAfter());
            case RATE_OF_CHANGE ->
                "changed by more than " + number(rule.getRateOfChange().getMaxChange()) + " within "
                        + duration(rule.getRateOfChange().getPer());
            default -> "";
        };
    }

    private static String unit(String quantity) {
        return switch (quantity.toLowerCase(Locale.ROOT)) {
            case "temperature" -> "°C";
            case "humidity", "relative_humidity", "battery" -> "%";
            case "co2" -> "ppm";
            case "pressure" -> "hPa";
            default -> "";
        };
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "");
    }

    static String duration(com.google.protobuf.Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds > 0 && seconds % 86400 == 0) {
            return seconds / 86400 + "d";
        }
        if (seconds > 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds > 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return Durations.toString(duration);
    }

    private static String or(String value, String example) {
        return value.isEmpty() ? example : value;
    }

    private static Map<String, Escaping> kinds() {
        Map<String, Escaping> kinds = new LinkedHashMap<>();
        kinds.put("email", Escaping.HTML);
        kinds.put("slack", Escaping.SLACK);
        kinds.put("webhook", Escaping.NONE);
        kinds.put("alertmanager", Escaping.NONE);
        kinds.put("ntfy", Escaping.NONE);
        kinds.put("telegram", Escaping.HTML);
        kinds.put("discord", Escaping.DISCORD);
        kinds.put("gotify", Escaping.NONE);
        kinds.put("pushover", Escaping.NONE);
        return Collections.unmodifiableMap(kinds);
    }
}
