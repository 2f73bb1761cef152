package home.connected.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alerting rules pass promtool's checks and unit tests, and the unit tests cover every alert. */
class AlertingRulesTest {

    private static final Set<String> SEVERITIES = Set.of("critical", "warning");

    @Test
    void promtoolAcceptsTheRules() {
        Promtool.Result check = Promtool.run(Repository.ROOT, "check", "rules", AlertingRules.FILE.toString());

        assertThat(check.succeeded())
                .as("promtool check rules:%n%s", check.output())
                .isTrue();
        assertThat(AlertingRules.alerts(AlertingRules.load())).isNotEmpty();
    }

    @Test
    void theUnitTestsPass() {
        Promtool.Result result = promtoolTestRules(AlertingRules.UNIT_TESTS, AlertingRules.unitTestFiles());

        assertThat(result.succeeded())
                .as("promtool test rules:%n%s", result.output())
                .isTrue();
    }

    @Test
    void theUnitTestsLoadTheChartsRulesFile() {
        assertThat(AlertingRules.unitTestFiles()).isNotEmpty();
        for (Path testFile : AlertingRules.unitTestFiles()) {
            List<Path> loaded = Yaml.strings(Yaml.load(Repository.read(testFile)), "rule_files").stream()
                    .map(name -> testFile.getParent().resolve(name).normalize())
                    .toList();
            assertThat(loaded).as("rule_files of %s", testFile).containsExactly(AlertingRules.FILE);
        }
    }

    @Test
    void everyAlertHasACaseThatFiresAndOneThatDoesNot() {
        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (Map<String, Object> check : alertChecks()) {
            String name = (String) check.get("alertname");
            (Yaml.maps(check, "exp_alerts").isEmpty() ? quiet : firing).add(name);
        }
        List<String> alerts = AlertingRules.alertNames(AlertingRules.load());

        assertThat(firing).as("alerts with a case that fires").containsAll(alerts);
        assertThat(quiet).as("alerts with a case that does not fire").containsAll(alerts);
        assertThat(alerts).as("the unit tests name only alerts that exist").containsAll(firing);
        assertThat(alerts).containsAll(quiet);
    }

    /** Without one alert the unit tests fail: its firing cases are checked, not just written down. */
    @Test
    void everyAlertIsPinnedByItsUnitTests(@TempDir Path dir) throws IOException {
        Map<String, Object> rules = AlertingRules.load();
        List<String> unpinned = new ArrayList<>();
        for (String alert : AlertingRules.alertNames(rules)) {
            Promtool.Result result = promtoolTestRules(dir, unitTestsOf(dir, alert, without(rules, alert)));
            if (result.succeeded() || !result.output().contains(alert)) {
                unpinned.add(alert);
            }
        }

        assertThat(unpinned)
                .as("alerts whose removal the unit tests do not notice")
                .isEmpty();
    }

    /**
     * A minute less (or, for an alert without one, a minute of {@code for}) and the unit tests
     * fail: each alert's cases sit at the minute it starts to fire.
     */
    @Test
    void everyAlertsDelayIsPinnedByItsUnitTests(@TempDir Path dir) throws IOException {
        Map<String, Object> rules = AlertingRules.load();
        List<String> unpinned = new ArrayList<>();
        for (String alert : AlertingRules.alertNames(rules)) {
            String delay = Yaml.string(AlertingRules.alert(alert), "for");
            String changed = delay == null ? "1m" : (Integer.parseInt(delay.replace("m", "")) - 1) + "m";
            Promtool.Result result = promtoolTestRules(dir, unitTestsOf(dir, alert, withDelay(rules, alert, changed)));
            if (result.succeeded() || !result.output().contains(alert)) {
                unpinned.add(alert + " (for: " + changed + ")");
            }
        }

        assertThat(unpinned).as("alerts whose delay the unit tests do not pin").isEmpty();
    }

    @Test
    void everyAlertHasASeverityAndSaysWhatItIsAndWhereToRead() {
        List<Map<String, Object>> alerts = AlertingRules.alerts(AlertingRules.load());

        assertThat(alerts).allSatisfy(rule -> {
            String name = (String) rule.get("alert");
            assertThat(name).as("alert names").matches("ConnectedHome[A-Z][A-Za-z]+");
            assertThat(Yaml.string(rule, "labels.severity"))
                    .as("%s's severity", name)
                    .isIn(SEVERITIES);
            assertThat(Yaml.string(rule, "annotations.summary"))
                    .as("%s's summary", name)
                    .isNotBlank();
            assertThat(Yaml.string(rule, "annotations.description"))
                    .as("%s's description", name)
                    .contains("{{");
            assertThat(Yaml.string(rule, "annotations.runbook"))
                    .as("%s's runbook", name)
                    .isEqualTo("docs/operations.md, Monitoring: " + name);
        });
        assertThat(alerts.stream().map(rule -> rule.get("alert")).collect(Collectors.toSet()))
                .as("unique alert names")
                .hasSize(alerts.size());
    }

    @Test
    void aServiceDownCoversEveryService() {
        String expr = Yaml.string(AlertingRules.alert("ConnectedHomeServiceDown"), "expr");
        Matcher m = Pattern.compile("up\\{application=~\"([^\"]+)\"}").matcher(expr);

        assertThat(m.find())
                .as("ConnectedHomeServiceDown selects up by application: %s", expr)
                .isTrue();
        assertThat(Set.of(m.group(1).split("\\|"))).containsExactlyInAnyOrderElementsOf(modules());
    }

    static Set<String> modules() {
        return Repository.deployableModules().stream()
                .map(ServiceConfiguration::module)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Promtool.Result promtoolTestRules(Path dir, List<Path> testFiles) {
        List<String> arguments = new ArrayList<>(List.of("test", "rules"));
        testFiles.forEach(f -> arguments.add(f.toString()));
        return Promtool.run(dir, arguments.toArray(String[]::new));
    }

    private static List<Map<String, Object>> alertChecks() {
        List<Map<String, Object>> checks = new ArrayList<>();
        for (Path testFile : AlertingRules.unitTestFiles()) {
            for (Map<String, Object> test : Yaml.maps(Yaml.load(Repository.read(testFile)), "tests")) {
                checks.addAll(Yaml.maps(test, "alert_rule_test"));
            }
        }
        return checks;
    }

    /** Copies of the unit tests that load the given rules instead of the chart's. */
    private static List<Path> unitTestsOf(Path dir, String name, Map<String, Object> rules) throws IOException {
        Path rulesFile = Files.createTempFile(dir, name, ".rules.yml");
        Files.writeString(rulesFile, AlertingRules.dump(rules));
        List<Path> tests = new ArrayList<>();
        for (Path testFile : AlertingRules.unitTestFiles()) {
            Map<String, Object> test = new LinkedHashMap<>(Yaml.load(Repository.read(testFile)));
            test.put("rule_files", List.of(rulesFile.toString()));
            Path copy = Files.createTempFile(dir, name, ".test.yml");
            Files.writeString(copy, AlertingRules.dump(test));
            tests.add(copy);
        }
        return tests;
    }

    private static Map<String, Object> withDelay(Map<String, Object> rules, String alert, String delay) {
        return mapAlerts(rules, rule -> {
            if (!alert.equals(rule.get("alert"))) {
                return rule;
            }
            Map<String, Object> changed = new LinkedHashMap<>(rule);
            changed.put("for", delay);
            return changed;
        });
    }

    private static Map<String, Object> without(Map<String, Object> rules, String alert) {
        return mapAlerts(rules, rule -> alert.equals(rule.get("alert")) ? null : rule);
    }

    /** The rules with each rule replaced by what the function gives (null: left out). */
    private static Map<String, Object> mapAlerts(Map<String, Object> rules, UnaryOperator<Map<String, Object>> change) {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (Map<String, Object> group : Yaml.maps(rules, "groups")) {
            Map<String, Object> copy = new LinkedHashMap<>(group);
            copy.put(
                    "rules",
                    Yaml.maps(group, "rules").stream()
                            .map(change)
                            .filter(Objects::nonNull)
                            .toList());
            groups.add(copy);
        }
        return Map.of("groups", groups);
    }
}
