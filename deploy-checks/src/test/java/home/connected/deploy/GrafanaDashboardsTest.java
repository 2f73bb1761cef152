package home.connected.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboards as the chart ships them (one ConfigMap each for Grafana's sidecar) and as
 * a plain Grafana provisions them (monitoring/grafana). Their queries are run against a real
 * Prometheus and InfluxDB by system-tests' DashboardQueriesTest.
 */
class GrafanaDashboardsTest {

    private static final Path DASHBOARDS = Repository.CHART.resolve("files/dashboards");
    private static final Path PROVISIONING = Repository.ROOT.resolve("monitoring/grafana/provisioning");
    private static final Map<String, String> SHIPPED = Map.of(
            "grafanaDashboards.enabled", "true",
            "grafanaDashboards.label", "example.org/dashboard",
            "grafanaDashboards.labelValue", "yes",
            "grafanaDashboards.annotations.grafana_folder", "Connected Home",
            "grafanaDashboards.namespace", "monitoring");

    @Test
    void noDashboardsByDefault() {
        assertThat(RenderedChart.withDefaults().ofKind("ConfigMap"))
                .noneSatisfy(map -> assertThat(Yaml.map(map, "metadata.labels")).containsKey("grafana_dashboard"));
    }

    @Test
    void theDefaultLabelIsTheOneGrafanasSidecarLooksFor() {
        List<Map<String, Object>> maps = dashboardMaps(
                RenderedChart.render(null, Map.of("grafanaDashboards.enabled", "true")), "grafana_dashboard");
        assertThat(maps).hasSize(dashboardFiles().size());
        assertThat(maps)
                .allSatisfy(map -> assertThat(Yaml.string(map, "metadata.labels.grafana_dashboard"))
                        .isEqualTo("1"));
    }

    @Test
    void everyDashboardIsOneConfigMapWithTheConfiguredLabelHoldingTheFileAsItIs() throws IOException {
        List<Map<String, Object>> maps = dashboardMaps(RenderedChart.render(null, SHIPPED), "example.org/dashboard");

        assertThat(dashboardFiles()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(maps).hasSameSizeAs(dashboardFiles());
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> map : maps) {
            names.add(Yaml.string(map, "metadata.name"));
            assertThat(Yaml.string(map, "metadata.labels.example.org/dashboard"))
                    .isEqualTo("yes");
            assertThat(Yaml.string(map, "metadata.namespace")).isEqualTo("monitoring");
            assertThat(Yaml.map(map, "metadata.annotations")).containsEntry("grafana_folder", "Connected Home");
            Map<String, Object> data = Yaml.map(map, "data");
            assertThat(data).hasSize(1);
            String file = data.keySet().iterator().next();
            assertThat(Yaml.load((String) data.get(file)))
                    .as("%s as shipped", file)
                    .isEqualTo(Yaml.load(Files.readString(DASHBOARDS.resolve(file))));
        }
        assertThat(names).containsExactly("home-dashboard-home", "home-dashboard-platform");
    }

    @Test
    void everyPanelAsksForTheDashboardsDatasourceOfItsKind() throws IOException {
        Set<String> uids = new HashSet<>();
        for (Path file : dashboardFiles()) {
            Map<String, Object> dashboard = Yaml.load(Files.readString(file));
            assertThat(uids.add(Yaml.string(dashboard, "uid")))
                    .as("%s: a uid of its own", file)
                    .isTrue();
            assertThat(Yaml.string(dashboard, "uid")).hasSizeLessThanOrEqualTo(40);
            Map<String, Object> datasource = Yaml.maps(dashboard, "templating.list").stream()
                    .filter(variable -> "datasource".equals(variable.get("type")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(file + " has no datasource variable"));
            String kind = Yaml.string(datasource, "query");
            assertThat(kind).isIn("prometheus", "influxdb");

            List<Map<String, Object>> panels = panels(dashboard);
            Set<Integer> ids = new HashSet<>();
            List<Map<String, Object>> withTargets = new ArrayList<>();
            for (Map<String, Object> panel : panels) {
                assertThat(ids.add((Integer) panel.get("id")))
                        .as("%s: panel ids unique", file)
                        .isTrue();
                int x = (Integer) Yaml.at(panel, "gridPos.x");
                int w = (Integer) Yaml.at(panel, "gridPos.w");
                assertThat(x + w)
                        .as("%s: %s fits 24 columns", file, panel.get("title"))
                        .isLessThanOrEqualTo(24);
                if (panel.containsKey("targets")) {
                    withTargets.add(panel);
                }
            }
            assertThat(withTargets).as("%s: panels with queries", file).hasSizeGreaterThanOrEqualTo(4);
            for (Map<String, Object> panel : withTargets) {
                assertThat(Yaml.map(panel, "datasource"))
                        .as("%s: %s", file, panel.get("title"))
                        .containsEntry("type", kind)
                        .containsEntry("uid", "${" + datasource.get("name") + "}");
                assertThat(Yaml.maps(panel, "targets")).isNotEmpty();
            }
        }
    }

    @Test
    void aPlainGrafanaGetsBothDatasourceKindsAndAFileProvider() throws IOException {
        Map<String, Object> datasources =
                Yaml.load(Files.readString(PROVISIONING.resolve("datasources/connected-home.yaml")));
        Set<String> kinds = new TreeSet<>();
        Yaml.maps(datasources, "datasources").forEach(ds -> kinds.add(Yaml.string(ds, "type")));
        assertThat(kinds).containsExactly("influxdb", "prometheus");

        Map<String, Object> providers =
                Yaml.load(Files.readString(PROVISIONING.resolve("dashboards/connected-home.yaml")));
        assertThat(Yaml.maps(providers, "providers")).singleElement().satisfies(provider -> {
            assertThat(Yaml.string(provider, "type")).isEqualTo("file");
            assertThat(Yaml.string(provider, "options.path")).startsWith("/");
        });
    }

    private static List<Map<String, Object>> dashboardMaps(RenderedChart chart, String label) {
        return chart.ofKind("ConfigMap").stream()
                .filter(map -> Yaml.map(map, "metadata.labels").containsKey(label))
                .toList();
    }

    private static List<Path> dashboardFiles() {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> panels(Map<String, Object> dashboard) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Map<String, Object> panel : (List<Map<String, Object>>) dashboard.get("panels")) {
            all.add(panel);
            if (panel.get("panels") instanceof List<?> nested) {
                all.addAll((List<Map<String, Object>>) nested);
            }
        }
        return all;
    }
}
