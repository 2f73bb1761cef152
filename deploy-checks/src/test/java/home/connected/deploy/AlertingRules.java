package home.connected.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;

/**
 * The platform's alerting rules: one file in the chart, which the chart's PrometheusRule and the
 * plain install's prometheus.yml both use, and their promtool unit tests.
 */
final class AlertingRules {

    static final Path FILE = Repository.CHART.resolve("files/prometheus/connected-home.rules.yml");
    static final Path UNIT_TESTS = Repository.ROOT.resolve("monitoring/prometheus/tests");

    private AlertingRules() {}

    static Map<String, Object> load() {
        return Yaml.load(Repository.read(FILE));
    }

    /** Every alerting rule (not recording rules) of a rules document, in file order. */
    static List<Map<String, Object>> alerts(Map<String, Object> rules) {
        return Yaml.maps(rules, "groups").stream()
                .flatMap(group -> Yaml.maps(group, "rules").stream())
                .filter(rule -> rule.containsKey("alert"))
                .toList();
    }

    static List<String> alertNames(Map<String, Object> rules) {
        return alerts(rules).stream().map(rule -> (String) rule.get("alert")).toList();
    }

    static Map<String, Object> alert(String name) {
        return alerts(load()).stream()
                .filter(rule -> name.equals(rule.get("alert")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no alert " + name + " in " + FILE));
    }

    /** The unit-test files, *.test.yml. */
    static List<Path> unitTestFiles() {
        try (Stream<Path> files = Files.list(UNIT_TESTS)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".test.yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String dump(Object document) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(200);
        return new org.yaml.snakeyaml.Yaml(options).dump(document);
    }
}
