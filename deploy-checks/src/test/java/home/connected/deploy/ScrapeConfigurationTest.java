package home.connected.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(check.output()).contains("1 rule files found").contains(AlertingRules.FILE.toString());
    }

    @Test
    void loadsTheChartsRulesFileInTheRepository() {
        List<Path> found = Yaml.strings(config(), "rule_files").stream()
                .flatMap(pattern -> matches(CONFIG.getParent(), pattern).stream())
                .toList();

        assertThat(found).containsExactly(AlertingRules.FILE);
    }

    /** As Debian's service needs them: both files in /etc/prometheus. */
    @Test
    void loadsTheRulesCopiedNextToIt(@TempDir Path etc) throws IOException {
        Files.copy(CONFIG, etc.resolve("prometheus.yml"));
        Files.copy(AlertingRules.FILE, etc.resolve(AlertingRules.FILE.getFileName()));

        Promtool.Result check = Promtool.run(
                etc, "check", "config", etc.resolve("prometheus.yml").toString());

        assertThat(check.succeeded())
                .as("promtool check config:%n%s", check.output())
                .isTrue();
        assertThat(check.output())
                .contains("1 rule files found")
                .contains(etc.resolve(AlertingRules.FILE.getFileName()).toString());
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

    /** The files a rule_files pattern (relative to the configuration, * within a name) matches. */
    private static List<Path> matches(Path dir, String pattern) {
        Path relative = Path.of(pattern);
        Path parent = dir.resolve(relative).getParent().normalize();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + relative.getFileName());
        try (Stream<Path> files = Files.list(parent)) {
            return files.filter(f -> matcher.matches(f.getFileName())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> config() {
        return Yaml.load(Repository.read(CONFIG));
    }
}
