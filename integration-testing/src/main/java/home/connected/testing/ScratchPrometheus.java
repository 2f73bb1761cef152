package home.connected.testing;

import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real Prometheus (Debian's {@code prometheus} package) of its own on a free loopback port,
 * scraping the given services' {@code /actuator/prometheus} every {@code scrapeInterval} with the
 * labels monitoring/prometheus/prometheus.yml gives them ({@code application} = module), and
 * optionally loading rule files. Its configuration, data and log are under {@code target/}; it is
 * stopped by {@link #close()} or when the JVM exits.
 */
public final class ScratchPrometheus implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Path BINARY = Path.of("/usr/bin/prometheus");

    private final Process process;
    private final int port;
    private final Path dir;

    private ScratchPrometheus(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /**
     * Starts Prometheus and waits until it answers.
     *
     * @param targets {@code host:port} of each service's HTTP (actuator) port by its module name
     * @param ruleFiles rule files to load, e.g. the platform's alerting rules; may be empty
     */
    public static ScratchPrometheus start(Map<String, String> targets, Duration scrapeInterval, List<Path> ruleFiles) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(
                    BINARY + " is missing: install Debian's prometheus package (./dev/setup does)");
        }
        Path root = DevServices.repoRoot(System.getenv());
        Path dir = root.resolve("target/scratch-prometheus")
                .resolve(UUID.randomUUID().toString().substring(0, 8));
        int port = ServiceProcess.freePort();
        try {
            Files.createDirectories(dir.resolve("data"));
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, configuration(targets, scrapeInterval, ruleFiles));
            Process process = new ProcessBuilder(List.of(
                            BINARY.toString(),
                            "--config.file=" + config,
                            "--storage.tsdb.path=" + dir.resolve("data"),
                            "--web.listen-address=127.0.0.1:" + port,
                            "--storage.tsdb.retention.time=1h"))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("prometheus.log").toFile())
                    .start();
            ScratchPrometheus prometheus = new ScratchPrometheus(process, port, dir);
            Runtime.getRuntime().addShutdownHook(new Thread(prometheus::close));
            await("Prometheus on port " + port + " ready (log: " + dir.resolve("prometheus.log") + ")")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("Prometheus exited: " + prometheus.log());
                        }
                        return prometheus.get("/-/ready").statusCode() == 200;
                    });
            return prometheus;
        } catch (IOException e) {
            throw new IllegalStateException("could not start Prometheus: " + e.getMessage(), e);
        }
    }

    static String configuration(Map<String, String> targets, Duration scrapeInterval, List<Path> ruleFiles) {
        String interval = scrapeInterval.toMillis() + "ms";
        StringBuilder yaml = new StringBuilder()
                .append("global:\n")
                .append("  scrape_interval: ")
                .append(interval)
                .append('\n')
                .append("  scrape_timeout: ")
                .append(interval)
                .append('\n')
                .append("  evaluation_interval: ")
                .append(interval)
                .append('\n');
        if (!ruleFiles.isEmpty()) {
            yaml.append("rule_files:\n");
            ruleFiles.forEach(
                    file -> yaml.append("  - \"").append(file.toAbsolutePath()).append("\"\n"));
        }
        yaml.append("scrape_configs:\n")
                .append("  - job_name: connected-home\n")
                .append("    metrics_path: /actuator/prometheus\n")
                .append("    honor_labels: true\n")
                .append("    static_configs:\n");
        targets.forEach((application, target) -> yaml.append("      - targets: [\"")
                .append(target)
                .append("\"]\n        labels: {application: ")
                .append(application)
                .append("}\n"));
        return yaml.toString();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Waits until every target's last scrape succeeded; fails naming the targets that are not up and why. */
    public void awaitTargetsUp(Duration atMost) {
        try {
            await("every Prometheus target up")
                    .atMost(atMost)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> !activeTargets().isEmpty() && targetsNotUp().isEmpty());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Prometheus targets not up after " + atMost + ": " + targetsNotUp(), e);
        }
    }

    private List<String> targetsNotUp() {
        List<String> down = new ArrayList<>();
        for (JsonElement element : activeTargets()) {
            JsonObject target = element.getAsJsonObject();
            if (!"up".equals(target.get("health").getAsString())) {
                down.add(target.getAsJsonObject("labels").get("application") + " "
                        + target.get("health").getAsString() + ": "
                        + target.get("lastError").getAsString());
            }
        }
        return down;
    }

    private JsonArray activeTargets() {
        return api("/api/v1/targets?state=active").getAsJsonObject("data").getAsJsonArray("activeTargets");
    }

    /** An instant query: its {@code data.result} (status success), or an error saying what Prometheus said. */
    public JsonArray query(String promQl) {
        JsonObject answer = api("/api/v1/query?query=" + URLEncoder.encode(promQl, StandardCharsets.UTF_8));
        if (!"success".equals(answer.get("status").getAsString())) {
            throw new IllegalArgumentException(promQl + ": " + answer.get("errorType") + " " + answer.get("error"));
        }
        JsonObject data = answer.getAsJsonObject("data");
        if (!"vector".equals(data.get("resultType").getAsString())) {
            JsonArray single = new JsonArray();
            single.add(data.get("result"));
            return single;
        }
        return data.getAsJsonArray("result");
    }

    /** The rule groups as {@code /api/v1/rules} reports them. */
    public List<JsonObject> ruleGroups() {
        List<JsonObject> groups = new ArrayList<>();
        api("/api/v1/rules")
                .getAsJsonObject("data")
                .getAsJsonArray("groups")
                .forEach(g -> groups.add(g.getAsJsonObject()));
        return groups;
    }

    /** Every metric name Prometheus holds a series of. */
    public List<String> metricNames() {
        List<String> names = new ArrayList<>();
        api("/api/v1/label/__name__/values").getAsJsonArray("data").forEach(name -> names.add(name.getAsString()));
        return names;
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("prometheus.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private JsonObject api(String pathAndQuery) {
        HttpResponse<String> response = get(pathAndQuery);
        try {
            return JsonParser.parseString(response.body()).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    pathAndQuery + " answered " + response.statusCode() + ": " + response.body(), e);
        }
    }

    private HttpResponse<String> get(String pathAndQuery) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(url().resolve(pathAndQuery))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Prometheus did not answer " + pathAndQuery + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
