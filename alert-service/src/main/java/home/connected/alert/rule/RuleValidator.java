package home.connected.alert.rule;

import com.google.protobuf.Duration;
import com.google.protobuf.util.Durations;
import home.connected.access.ApiException;
import home.connected.alert.action.MqttActions;
import home.connected.alert.template.MessageTemplates;
import home.connected.contracts.alert.v1.Comparison;
import home.connected.contracts.alert.v1.MqttAction;
import home.connected.contracts.alert.v1.NoData;
import home.connected.contracts.alert.v1.RateOfChange;
import home.connected.contracts.alert.v1.Rule;
import home.connected.contracts.alert.v1.SensorSelector;
import home.connected.contracts.alert.v1.Severity;
import home.connected.contracts.alert.v1.Threshold;
import java.util.HashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Refuses a rule with any bad field, naming the field; the rule it returns is what gets stored
 * (severity defaulted, output-only fields cleared). Channel ids are checked against the table by
 * {@link Rules}, inside the write.
 */
@Component
class RuleValidator {

    static final int MAX_NAME = 100;
    static final int MAX_SELECTOR = 256;
    static final int MAX_TITLE = 200;
    static final int MAX_BODY = 2000;
    static final int MAX_ACTIONS = 5;
    private static final long MAX_DURATION_SECONDS =
            java.time.Duration.ofDays(30).toSeconds();
    private static final long MIN_REPEAT_SECONDS = 60;

    private final MqttActions actions;

    RuleValidator(MqttActions actions) {
        this.actions = actions;
    }

    Rule check(Rule rule) {
        name(rule.getName());
        selector(rule);
        condition(rule);
        Rule.Builder checked = rule.toBuilder().clearStatus().clearSilencedUntil();
        severity(rule, checked);
        channelIds(rule);
        if (rule.hasRepeatInterval()) {
            Duration repeat = rule.getRepeatInterval();
            duration("repeat_interval", repeat, false);
            if (!isZero(repeat) && Durations.toSeconds(repeat) < MIN_REPEAT_SECONDS) {
                throw invalid("repeat_interval must be 0 (notify once per episode) or at least 1 minute");
            }
        }
        if (rule.hasTemplate()) {
            template("template.title", rule.getTemplate().getTitle(), MAX_TITLE);
            template("template.body", rule.getTemplate().getBody(), MAX_BODY);
        }
        actions(rule);
        return checked.build();
    }

    private static void name(String name) {
        if (name.isBlank()) {
            throw invalid("name is required");
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME) {
            throw invalid("name must be at most " + MAX_NAME + " characters");
        }
        if (hasControl(name)) {
            throw invalid("name must not contain control characters");
        }
    }

    private static void selector(Rule rule) {
        SensorSelector selector = rule.getSelector();
        selectorField("selector.device_id", selector.getDeviceId());
        selectorField("selector.sensor", selector.getSensor());
        selectorField("selector.quantity", selector.getQuantity());
        selectorField("selector.location", selector.getLocation());
    }

    private static void selectorField(String field, String value) {
        if (value.length() > MAX_SELECTOR) {
            throw invalid(field + " must be at most " + MAX_SELECTOR + " characters");
        }
        if (hasControl(value)) {
            throw invalid(field + " must not contain control characters");
        }
        if (value.contains("+") || value.contains("#")) {
            throw invalid(field + " must not contain the MQTT wildcards + or #; leave it empty to match everything");
        }
    }

    private static void condition(Rule rule) {
        switch (rule.getConditionCase()) {
            case THRESHOLD -> threshold(rule.getThreshold());
            case NO_DATA -> noData(rule.getNoData(), rule.getSelector());
            case RATE_OF_CHANGE -> rateOfChange(rule.getRateOfChange());
            default -> throw invalid("condition: set exactly one of threshold, no_data or rate_of_change");
        }
    }

    private static void threshold(Threshold threshold) {
        if (threshold.getComparison() != Comparison.COMPARISON_ABOVE
                && threshold.getComparison() != Comparison.COMPARISON_BELOW) {
            throw invalid("threshold.comparison must be COMPARISON_ABOVE or COMPARISON_BELOW");
        }
        if (!Double.isFinite(threshold.getValue())) {
            throw invalid("threshold.value must be a finite number (not NaN or infinity)");
        }
        if (!Double.isFinite(threshold.getHysteresis())) {
            throw invalid("threshold.hysteresis must be a finite number (not NaN or infinity)");
        }
        if (threshold.getHysteresis() < 0) {
            throw invalid("threshold.hysteresis must not be negative");
        }
        if (threshold.hasForDuration()) {
            duration("threshold.for_duration", threshold.getForDuration(), false);
        }
        if (threshold.hasKeepFiringFor()) {
            duration("threshold.keep_firing_for", threshold.getKeepFiringFor(), false);
        }
    }

    private static void noData(NoData noData, SensorSelector selector) {
        duration("no_data.after", noData.getAfter(), true);
        if (selector.getDeviceId().isEmpty()
                && selector.getSensor().isEmpty()
                && selector.getQuantity().isEmpty()
                && selector.getLocation().isEmpty()) {
            throw invalid("a no-data rule needs at least one of selector.device_id, sensor, quantity or location"
                    + " (an empty selector would alert for every sensor ever seen)");
        }
    }

    private static void rateOfChange(RateOfChange rate) {
        if (!Double.isFinite(rate.getMaxChange())) {
            throw invalid("rate_of_change.max_change must be a finite number (not NaN or infinity)");
        }
        if (rate.getMaxChange() <= 0) {
            throw invalid("rate_of_change.max_change must be more than 0");
        }
        duration("rate_of_change.per", rate.getPer(), true);
    }

    private static void duration(String field, Duration duration, boolean positive) {
        if (duration.getSeconds() < 0 || duration.getNanos() < 0) {
            throw invalid(field + " must not be negative");
        }
        if (!Durations.isValid(duration)) {
            throw invalid(field + " is not a valid duration (nanos must be 0 to 999999999)");
        }
        if (positive && isZero(duration)) {
            throw invalid(field + " must be more than 0");
        }
        if (duration.getSeconds() > MAX_DURATION_SECONDS
                || (duration.getSeconds() == MAX_DURATION_SECONDS && duration.getNanos() > 0)) {
            throw invalid(field + " must be at most 30 days");
        }
    }

    private static boolean isZero(Duration duration) {
        return duration.getSeconds() == 0 && duration.getNanos() == 0;
    }

    private static void severity(Rule rule, Rule.Builder checked) {
        switch (rule.getSeverity()) {
            case SEVERITY_UNSPECIFIED -> checked.setSeverity(Severity.SEVERITY_WARNING);
            case SEVERITY_INFO, SEVERITY_WARNING, SEVERITY_CRITICAL -> {}
            default -> throw invalid("severity must be SEVERITY_INFO, SEVERITY_WARNING or SEVERITY_CRITICAL");
        }
    }

    private static void channelIds(Rule rule) {
        Set<String> seen = new HashSet<>();
        for (String id : rule.getChannelIdsList()) {
            if (id.isEmpty()) {
                throw invalid("channel_ids must not contain an empty id");
            }
            if (!seen.add(id)) {
                throw invalid("channel_ids: " + shown(id) + " is listed twice");
            }
        }
    }

    private static void template(String field, String template, int max) {
        if (template.codePointCount(0, template.length()) > max) {
            throw invalid(field + " must be at most " + max + " characters");
        }
        String problem = MessageTemplates.problem(template);
        if (problem != null) {
            throw invalid(field + " " + problem);
        }
    }

    private void actions(Rule rule) {
        if (rule.getActionsCount() > MAX_ACTIONS) {
            throw invalid("actions: at most " + MAX_ACTIONS + " per rule");
        }
        for (int i = 0; i < rule.getActionsCount(); i++) {
            MqttAction action = rule.getActions(i);
            String field = "actions[" + i + "]";
            if (action.getTopic().isEmpty()) {
                throw invalid(field + ".topic is required");
            }
            String problem = actions.topicProblem(action.getTopic());
            if (problem != null) {
                throw invalid(field + ".topic: " + problem);
            }
            template(field + ".firing_payload", action.getFiringPayload(), MAX_BODY);
            template(field + ".resolved_payload", action.getResolvedPayload(), MAX_BODY);
            if (action.getQos() != 0 && action.getQos() != 1) {
                throw invalid(field + ".qos must be 0 or 1");
            }
        }
    }

    static boolean hasControl(String text) {
        return text.codePoints().anyMatch(Character::isISOControl);
    }

    /** A caller's value as it may appear in a message: bounded and without control characters. */
    static String shown(String value) {
        String clean = value.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }

    private static ApiException invalid(String message) {
        return ApiException.invalidArgument(message);
    }
}
