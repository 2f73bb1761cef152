package home.connected.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart's ServiceMonitor and PrometheusRule: every service scraped, the rules file shipped as it is. */
class MonitoringChartTest {

    private static final Map<String, String> MONITORED = Map.of(
            "serviceMonitor.enabled", "true",
            "prometheusRule.enabled", "true",
            "prometheusRule.labels.release", "kube-prometheus-stack",
            // the simulated devices too, so that every module is in
            "services.sensor-agent.enabled", "true");

    @Test
    void nothingForPrometheusByDefault() {
        assertThat(RenderedChart.withDefaults().ofKind("PrometheusRule")).isEmpty();
        assertThat(RenderedChart.withDefaults().ofKind("ServiceMonitor")).isEmpty();
    }

    @Test
    void thePrometheusRuleIsTheRulesFile() {
        Map<String, Object> rule = RenderedChart.render(null, MONITORED).named("PrometheusRule", "home-platform");

        assertThat(Yaml.map(rule, "metadata.labels")).containsEntry("release", "kube-prometheus-stack");
        assertThat(Yaml.at(rule, "spec.groups")).isEqualTo(Yaml.at(AlertingRules.load(), "groups"));
    }

    @Test
    void promtoolAcceptsTheRenderedRules(@TempDir Path dir) throws IOException {
        Map<String, Object> rule = RenderedChart.render(null, MONITORED).named("PrometheusRule", "home-platform");
        Path rules = dir.resolve("rendered.rules.yml");
        Files.writeString(rules, AlertingRules.dump(Yaml.map(rule, "spec")));

        Promtool.Result check = Promtool.run(dir, "check", "rules", rules.toString());

        assertThat(check.succeeded())
                .as("promtool check rules:%n%s", check.output())
                .isTrue();
        assertThat(AlertingRules.alertNames(Yaml.map(rule, "spec")))
                .containsExactlyElementsOf(AlertingRules.alertNames(AlertingRules.load()));
    }

    @Test
    void theServiceMonitorScrapesEveryServicesActuatorNamedByItsModule() {
        RenderedChart chart = RenderedChart.render(null, MONITORED);
        Map<String, Object> monitor = chart.named("ServiceMonitor", "home-services");

        List<Map<String, Object>> selected = chart.ofKind("Service").stream()
                .filter(service -> selects(monitor, service))
                .toList();
        Set<String> components = new TreeSet<>();
        selected.forEach(
                service -> components.add(Yaml.string(service, "metadata.labels." + RenderedChart.COMPONENT_LABEL)));
        assertThat(components).containsExactlyInAnyOrderElementsOf(AlertingRulesTest.modules());

        Map<String, Object> endpoint = Yaml.maps(monitor, "spec.endpoints").get(0);
        assertThat(Yaml.maps(monitor, "spec.endpoints")).hasSize(1);
        assertThat(Yaml.string(endpoint, "path")).isEqualTo("/actuator/prometheus");
        for (String module : components) {
            ServiceConfiguration service = ServiceConfiguration.of(module);
            assertThat(chart.servicePortNames(module))
                    .as("%s's Service names its actuator port as the ServiceMonitor's endpoint does", module)
                    .containsEntry(service.managementPort(), Yaml.string(endpoint, "port"));
        }

        // application = app.kubernetes.io/name of the Service, which is the module
        assertThat(Yaml.maps(endpoint, "relabelings")).anySatisfy(relabeling -> {
            assertThat(Yaml.strings(relabeling, "sourceLabels"))
                    .containsExactly("__meta_kubernetes_service_label_app_kubernetes_io_name");
            assertThat(Yaml.string(relabeling, "targetLabel")).isEqualTo("application");
            assertThat(relabeling).doesNotContainKey("action");
        });
        assertThat(endpoint.get("honorLabels")).isEqualTo(true);
        assertThat(Yaml.string(monitor, "spec.jobLabel")).isEqualTo(RenderedChart.COMPONENT_LABEL);
    }

    @Test
    void aDisabledServiceIsNotScraped() {
        Map<String, Object> monitor = RenderedChart.render(null, Map.of("serviceMonitor.enabled", "true"))
                .named("ServiceMonitor", "home-services");

        assertThat(Yaml.strings(
                        Yaml.maps(monitor, "spec.selector.matchExpressions").get(0), "values"))
                .doesNotContain("sensor-agent")
                .contains("ingest-service");
    }

    private static boolean selects(Map<String, Object> monitor, Map<String, Object> service) {
        Map<String, Object> labels = Yaml.map(service, "metadata.labels");
        for (Map.Entry<String, Object> wanted :
                Yaml.map(monitor, "spec.selector.matchLabels").entrySet()) {
            if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
                return false;
            }
        }
        for (Map<String, Object> expression : Yaml.maps(monitor, "spec.selector.matchExpressions")) {
            assertThat(Yaml.string(expression, "operator")).isEqualTo("In");
            if (!Yaml.strings(expression, "values")
                    .contains(String.valueOf(labels.get(Yaml.string(expression, "key"))))) {
                return false;
            }
        }
        return true;
    }
}
