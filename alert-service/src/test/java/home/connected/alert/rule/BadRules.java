package home.connected.alert.rule;

import com.google.protobuf.Duration;
import com.google.protobuf.util.Durations;
import home.connected.contracts.alert.v1.Comparison;
import home.connected.contracts.alert.v1.MessageTemplate;
import home.connected.contracts.alert.v1.MqttAction;
import home.connected.contracts.alert.v1.NoData;
import home.connected.contracts.alert.v1.RateOfChange;
import home.connected.contracts.alert.v1.Rule;
import home.connected.contracts.alert.v1.SensorSelector;
import home.connected.contracts.alert.v1.Threshold;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Every kind of bad rule field, each with the message that must name it. */
final class BadRules {

    private static final Duration DAYS_31 = Durations.fromDays(31);

    private BadRules() {}

    static List<BadRule> all(String channelId) {
        Rule good = RuleApiTest.freezerRule(channelId);
        Threshold threshold = good.getThreshold();
        Rule noData = good.toBuilder()
                .setNoData(NoData.newBuilder().setAfter(Durations.fromMinutes(10)))
                .build();
        Rule rate = good.toBuilder()
                .setRateOfChange(RateOfChange.newBuilder().setMaxChange(5).setPer(Durations.fromMinutes(10)))
                .build();
        List<BadRule> bad = new ArrayList<>();
        add(bad, good.toBuilder().setName("").build(), "name is required");
        add(bad, good.toBuilder().setName("   ").build(), "name is required");
        add(bad, good.toBuilder().setName("x".repeat(101)).build(), "name must be at most 100 characters");
        add(bad, good.toBuilder().setName("two\nlines").build(), "name must not contain control characters");
        add(
                bad,
                good.toBuilder().clearCondition().build(),
                "condition: set exactly one of threshold, no_data or rate_of_change");
        add(
                bad,
                withThreshold(good, threshold.toBuilder().setComparison(Comparison.COMPARISON_UNSPECIFIED)),
                "threshold.comparison must be COMPARISON_ABOVE or COMPARISON_BELOW");
        add(
                bad,
                withThreshold(good, threshold.toBuilder().setValue(Double.NaN)),
                "threshold.value must be a finite number");
        add(
                bad,
                withThreshold(good, threshold.toBuilder().setValue(Double.POSITIVE_INFINITY)),
                "threshold.value must be a finite number");
        add(
                bad,
                withThreshold(good, threshold.toBuilder().setValue(Double.NEGATIVE_INFINITY)),
                "threshold.value must be a finite number");
        add(
                bad,
                withThreshold(good, threshold.toBuilder().setHysteresis(Double.NaN)),
                "threshold.hysteresis must be a finite number");
        add(
                bad,
                withThreshold(good, threshold.toBuilder().setHysteresis(Double.POSITIVE_INFINITY)),
                "threshold.hysteresis must be a finite number");
        add(
                bad,
                withThreshold(good, threshold.toBuilder().setHysteresis(-0.5)),
                "threshold.hysteresis must not be negative");
        add(
                bad,
                withThreshold(good, threshold.toBuilder().setForDuration(Durations.fromSeconds(-1))),
                "threshold.for_duration must not be negative");
        add(
                bad,
                withThreshold(
                        good,
                        threshold.toBuilder()
                                .setForDuration(
                                        Duration.newBuilder().setSeconds(1).setNanos(1_000_000_000))),
                "threshold.for_duration is not a valid duration");
        add(
                bad,
                withThreshold(good, threshold.toBuilder().setForDuration(DAYS_31)),
                "threshold.for_duration must be at most 30 days");
        add(
                bad,
                withThreshold(good, threshold.toBuilder().setKeepFiringFor(Durations.fromSeconds(-5))),
                "threshold.keep_firing_for must not be negative");
        add(
                bad,
                withThreshold(good, threshold.toBuilder().setKeepFiringFor(DAYS_31)),
                "threshold.keep_firing_for must be at most 30 days");
        add(
                bad,
                noData.toBuilder().setNoData(NoData.getDefaultInstance()).build(),
                "no_data.after must be more than 0");
        add(
                bad,
                noData.toBuilder()
                        .setNoData(NoData.newBuilder().setAfter(Durations.fromSeconds(-60)))
                        .build(),
                "no_data.after must not be negative");
        add(
                bad,
                noData.toBuilder()
                        .setNoData(NoData.newBuilder().setAfter(DAYS_31))
                        .build(),
                "no_data.after must be at most 30 days");
        add(
                bad,
                noData.toBuilder()
                        .setSelector(SensorSelector.getDefaultInstance())
                        .build(),
                "a no-data rule needs at least one of selector.device_id, sensor, quantity or location");
        add(
                bad,
                rate.toBuilder()
                        .setRateOfChange(rate.getRateOfChange().toBuilder().setMaxChange(0))
                        .build(),
                "rate_of_change.max_change must be more than 0");
        add(
                bad,
                rate.toBuilder()
                        .setRateOfChange(rate.getRateOfChange().toBuilder().setMaxChange(-3))
                        .build(),
                "rate_of_change.max_change must be more than 0");
        add(
                bad,
                rate.toBuilder()
                        .setRateOfChange(rate.getRateOfChange().toBuilder().setMaxChange(Double.NaN))
                        .build(),
                "rate_of_change.max_change must be a finite number");
        add(
                bad,
                rate.toBuilder()
                        .setRateOfChange(rate.getRateOfChange().toBuilder().setMaxChange(Double.POSITIVE_INFINITY))
                        .build(),
                "rate_of_change.max_change must be a finite number");
        add(
                bad,
                rate.toBuilder()
                        .setRateOfChange(rate.getRateOfChange().toBuilder().clearPer())
                        .build(),
                "rate_of_change.per must be more than 0");
        add(
                bad,
                rate.toBuilder()
                        .setRateOfChange(rate.getRateOfChange().toBuilder().setPer(DAYS_31))
                        .build(),
                "rate_of_change.per must be at most 30 days");
        add(
                bad,
                good.toBuilder().setRepeatInterval(Durations.fromSeconds(30)).build(),
                "repeat_interval must be 0 (notify once per episode) or at least 1 minute");
        add(
                bad,
                good.toBuilder().setRepeatInterval(Durations.fromSeconds(-60)).build(),
                "repeat_interval must not be negative");
        add(bad, good.toBuilder().setRepeatInterval(DAYS_31).build(), "repeat_interval must be at most 30 days");
        add(
                bad,
                good.toBuilder()
                        .setRepeatInterval(Duration.newBuilder().setSeconds(120).setNanos(-1))
                        .build(),
                "repeat_interval must not be negative");
        add(
                bad,
                selector(good, s -> s.setDeviceId("d".repeat(257))),
                "selector.device_id must be at most 256 characters");
        add(bad, selector(good, s -> s.setSensor("s".repeat(257))), "selector.sensor must be at most 256 characters");
        add(bad, selector(good, s -> s.setQuantity("temp+")), "selector.quantity must not contain the MQTT wildcards");
        add(
                bad,
                selector(good, s -> s.setDeviceId("freezer/#")),
                "selector.device_id must not contain the MQTT wildcards");
        add(
                bad,
                selector(good, s -> s.setLocation("cellar\tfreezer")),
                "selector.location must not contain control characters");
        add(
                bad,
                good.toBuilder().setSeverityValue(9).build(),
                "severity must be SEVERITY_INFO, SEVERITY_WARNING or SEVERITY_CRITICAL");
        String unknown = UUID.randomUUID().toString();
        add(bad, good.toBuilder().addChannelIds(unknown).build(), "channel_ids: no channel " + unknown);
        add(bad, good.toBuilder().addChannelIds(channelId).build(), "channel_ids: " + channelId + " is listed twice");
        add(bad, good.toBuilder().addChannelIds("").build(), "channel_ids must not contain an empty id");
        add(
                bad,
                template(good, MessageTemplate.newBuilder().setTitle("x".repeat(201))),
                "template.title must be at most 200 characters");
        add(
                bad,
                template(good, MessageTemplate.newBuilder().setBody("x".repeat(2001))),
                "template.body must be at most 2000 characters");
        add(
                bad,
                template(good, MessageTemplate.newBuilder().setTitle("{{nope}}")),
                "template.title uses the unknown variable {{nope}}");
        add(
                bad,
                template(good, MessageTemplate.newBuilder().setBody("{{#rule}} open")),
                "template.body is not a valid template");
        add(
                bad,
                template(good, MessageTemplate.newBuilder().setTitle("{{{rule}}}")),
                "template.title uses an unescaped variable");
        add(
                bad,
                template(good, MessageTemplate.newBuilder().setBody("{{>partial}}")),
                "template.body uses the partial");
        Rule.Builder sixActions = good.toBuilder();
        for (int i = 0; i < 5; i++) {
            sixActions.addActions(good.getActions(0));
        }
        add(bad, sixActions.build(), "actions: at most 5 per rule");
        MqttAction action = good.getActions(0);
        add(bad, action(good, action.toBuilder().setTopic("")), "actions[0].topic is required");
        add(
                bad,
                action(good, action.toBuilder().setTopic("connected-home/v1/stored/x/readings")),
                "actions[0].topic: ");
        add(bad, action(good, action.toBuilder().setTopic("$CONTROL/dynamic-security/v1")), "actions[0].topic: ");
        add(
                bad,
                action(good, action.toBuilder().setFiringPayload("{{oops}}")),
                "actions[0].firing_payload uses the unknown variable");
        add(
                bad,
                action(good, action.toBuilder().setResolvedPayload("{{/rule}}")),
                "actions[0].resolved_payload is not a valid template");
        add(bad, action(good, action.toBuilder().setQos(2)), "actions[0].qos must be 0 or 1");
        add(bad, action(good, action.toBuilder().setQos(-1)), "actions[0].qos must be 0 or 1");
        return bad;
    }

    private static void add(List<BadRule> bad, Rule rule, String message) {
        bad.add(new BadRule(rule, message));
    }

    private static Rule withThreshold(Rule good, Threshold.Builder threshold) {
        return good.toBuilder().setThreshold(threshold).build();
    }

    private static Rule selector(Rule good, UnaryOperator<SensorSelector.Builder> change) {
        return good.toBuilder()
                .setSelector(change.apply(good.getSelector().toBuilder()))
                .build();
    }

    private static Rule template(Rule good, MessageTemplate.Builder template) {
        return good.toBuilder().setTemplate(template).build();
    }

    private static Rule action(Rule good, MqttAction.Builder action) {
        return good.toBuilder().setActions(0, action).build();
    }
}
