package home.connected.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ChartRenderingTest {

    @Test
    void lintsCleanInStrictMode() {
        LintResult result = new Helm(Repository.CHART).lint().strict().call();

        assertThat(result.isFailed())
                .as("helm lint --strict: %s", result.getMessages())
                .isFalse();
        assertThat(result.getMessages())
                .as("helm lint --strict reports only information")
                .allMatch(message -> message.startsWith("[INFO]"));
    }

    @Test
    void rendersTheWholeSystemWithDefaultValues() {
        RenderedChart chart = RenderedChart.withDefaults();

        assertThat(chart.deployedModules())
                .containsExactlyInAnyOrder(
                        "gateway-service", "auth-service", "query-service", "alert-service", "ingest-service");
        assertThat(chart.datastoreWorkloads())
                .extracting(RenderedChart::component)
                .containsExactlyInAnyOrder("mariadb", "mosquitto", "influxdb");
        assertThat(kinds(chart)).contains("Secret", "ConfigMap", "Service", "NetworkPolicy", "PodDisruptionBudget");
        assertThat(kinds(chart))
                .doesNotContain("Ingress", "HorizontalPodAutoscaler", "ServiceMonitor", "PrometheusRule");
    }

    @Test
    void rendersWithTheProductionValues() {
        assertThat(Files.isRegularFile(RenderedChart.PRODUCTION_VALUES)).isTrue();

        RenderedChart chart = RenderedChart.withProductionValues();

        assertThat(kinds(chart))
                .contains(
                        "Ingress",
                        "HorizontalPodAutoscaler",
                        "ServiceMonitor",
                        "PrometheusRule",
                        "PodDisruptionBudget",
                        "NetworkPolicy");
        assertThat(chart.named("Ingress", "home-gateway-service"))
                .satisfies(ingress -> assertThat(Yaml.maps(ingress, "spec.tls")).isNotEmpty());
    }

    @Test
    void valuesThatWouldPutASecretIntoAConfigMapAreRefused() {
        assertThatThrownBy(() -> RenderedChart.render(
                        null, Map.of("services.alert-service.env.CH_ALERT_SMTP_PASSWORD", "hunter2")))
                .hasMessageContaining("CH_ALERT_SMTP_PASSWORD")
                .hasMessageContaining("schema");
    }

    @Test
    void portsMustBeNumbers() {
        assertThatThrownBy(() -> RenderedChart.render(null, Map.of("services.query-service.ports.http", "http")))
                .hasMessageContaining("services.query-service.ports.http");
    }

    @Test
    void aServiceMayOverrideItsProbes() {
        RenderedChart chart = RenderedChart.render(
                null, Map.of("services.query-service.probes.readiness.path", "/manage/health/readiness"));

        assertThat(Yaml.string(
                        RenderedChart.mainContainer(chart.workloadOf("query-service")), "readinessProbe.httpGet.path"))
                .isEqualTo("/manage/health/readiness");
        assertThat(Yaml.string(
                        RenderedChart.mainContainer(chart.workloadOf("auth-service")), "readinessProbe.httpGet.path"))
                .isEqualTo("/actuator/health/readiness");
    }

    @Test
    void onlyStatelessServicesAutoscale() {
        RenderedChart chart = RenderedChart.render(
                null,
                Map.of(
                        "services.sensor-agent.enabled", "true",
                        "services.sensor-agent.autoscaling.enabled", "true",
                        "services.query-service.autoscaling.enabled", "true"));

        assertThat(chart.ofKind("HorizontalPodAutoscaler"))
                .extracting(hpa -> Yaml.string(hpa, "spec.scaleTargetRef.name"))
                .containsExactly("home-query-service");
        assertThat(Yaml.map(chart.workloadOf("query-service"), "spec"))
                .as("the autoscaler owns the replica count")
                .doesNotContainKey("replicas");
    }

    @Test
    void everyStatefulSetKeepsItsDataOnAPersistentVolumeClaim() {
        for (Map<String, Object> statefulSet : RenderedChart.withDefaults().datastoreWorkloads()) {
            assertThat(Yaml.maps(statefulSet, "spec.volumeClaimTemplates"))
                    .as("%s", Yaml.string(statefulSet, "metadata.name"))
                    .extracting(claim -> Yaml.string(claim, "metadata.name"))
                    .containsExactly("data");
        }
    }

    @Test
    void notesTellHowToLogIn() {
        String notes = Repository.read(Repository.CHART.resolve("templates/NOTES.txt"));

        assertThat(notes).contains("bootstrap-admin-password", "port-forward", "Log in");
    }

    private static Set<String> kinds(RenderedChart chart) {
        Set<String> kinds = new TreeSet<>();
        chart.all().forEach(m -> kinds.add((String) m.get("kind")));
        return kinds;
    }
}
