package home.connected.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** monitoring/prometheus/prometheus.yml: the plain install's Prometheus scrapes every service. */
class ScrapeConfigurationTest {

    static final Path CONFIG = Repository.ROOT.resolve("monitoring/prometheus/prometheus.yml");

    @Test
    void promtoolAcceptsTheConfigurationAndTheRulesItLoads() {
        // from elsewhere: the paths in the file are relative to the file, not to the caller
        Promtool.Result check =
                Promtool.run(Path.of(System.getProperty("java.io.tmpdir")), "check", "config", CONFIG.toString());

        assertThat(check.succeeded())
                .as("promtool check config:%n%s", check.output())
                .isTrue();
        assertThat(check.output()).contains(AlertingRules.FILE.getFileName().toString());
    }

    @Test
    void loadsTheChartsRulesFile() {
        List<Path> ruleFiles = Yaml.strings(config(), "rule_files").stream()
                .map(name -> CONFIG.getParent().resolve(name).normalize())
                .toList();

        assertThat(ruleFiles).containsExactly(AlertingRules.FILE);
    }

    @Test
    void scrapesEveryServiceOnItsPortNamedByItsModule() {
        Map<String, String> applicationByTarget = new TreeMap<>();
        for (Map<String, Object> job : Yaml.maps(config(), "scrape_configs")) {
            assertThat(Yaml.string(job, "metrics_path")).isEqualTo("/actuator/prometheus");
            assertThat(job.get("honor_labels"))
                    .as("the scraped application label is kept, not renamed to exported_application")
                    .isEqualTo(true);
            for (Map<String, Object> group : Yaml.maps(job, "static_configs")) {
                String application = Yaml.string(group, "labels.application");
                Yaml.strings(group, "targets").forEach(target -> applicationByTarget.put(target, application));
            }
        }

        Map<String, String> expected = new TreeMap<>();
        for (ServiceConfiguration service : Repository.deployableModules()) {
            expected.put("127.0.0.1:" + service.managementPort(), service.module());
        }
        assertThat(applicationByTarget).isEqualTo(expected);
    }

    private static Map<String, Object> config() {
        return Yaml.load(Repository.read(CONFIG));
    }
}
