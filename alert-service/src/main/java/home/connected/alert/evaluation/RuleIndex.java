package home.connected.alert.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the rules a reading may match without trying all of them: each rule is filed under the
 * most specific field its selector sets (device, else sensor, else quantity, else location), or
 * under "everything".
 */
final class RuleIndex {

    private final Map<String, List<CompiledRule>> byDevice = new HashMap<>();
    private final Map<String, List<CompiledRule>> bySensor = new HashMap<>();
    private final Map<String, List<CompiledRule>> byQuantity = new HashMap<>();
    private final Map<String, List<CompiledRule>> byLocation = new HashMap<>();
    private final List<CompiledRule> everything = new ArrayList<>();

    RuleIndex(Iterable<CompiledRule> rules) {
        for (CompiledRule rule : rules) {
            var selector = rule.selector();
            if (!selector.getDeviceId().isEmpty()) {
                byDevice.computeIfAbsent(selector.getDeviceId(), k -> new ArrayList<>())
                        .add(rule);
            } else if (!selector.getSensor().isEmpty()) {
                bySensor.computeIfAbsent(selector.getSensor(), k -> new ArrayList<>())
                        .add(rule);
            } else if (!selector.getQuantity().isEmpty()) {
                byQuantity
                        .computeIfAbsent(selector.getQuantity(), k -> new ArrayList<>())
                        .add(rule);
            } else if (!selector.getLocation().isEmpty()) {
                byLocation
                        .computeIfAbsent(selector.getLocation(), k -> new ArrayList<>())
                        .add(rule);
            } else {
                everything.add(rule);
            }
        }
    }

    /** Calls {@code action} for every rule that matches the reading. */
    void forEachMatch(StoredReading reading, java.util.function.Consumer<CompiledRule> action) {
        visit(byDevice.get(reading.device()), reading, action);
        visit(bySensor.get(reading.sensor()), reading, action);
        visit(byQuantity.get(reading.quantity()), reading, action);
        visit(byLocation.get(reading.location()), reading, action);
        visit(everything, reading, action);
    }

    private static void visit(
            List<CompiledRule> rules, StoredReading reading, java.util.function.Consumer<CompiledRule> action) {
        if (rules == null) {
            return;
        }
        for (CompiledRule rule : rules) {
            if (rule.matches(reading)) {
                action.accept(rule);
            }
        }
    }
}
