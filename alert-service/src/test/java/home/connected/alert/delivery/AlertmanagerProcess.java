package home.connected.alert.delivery;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Alertmanager (Debian's prometheus-alertmanager) on a free loopback port with gossip
 * turned off. Its one route notifies a webhook at once and on every change (resolved included),
 * so a test can see what Alertmanager made of the alerts it was given.
 */
final class AlertmanagerProcess implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

    private static final String CONFIG = """
            route:
              receiver: hook
              group_by: ['...']
              group_wait: 0s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: hook
                webhook_configs:
                  - url: %s
                    send_resolved: true
            """;

    private final Process process;
    private final String url;
    private final HttpClient client = HttpClient.newHttpClient();

    private AlertmanagerProcess(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** @param webhookUrl where Alertmanager sends its notifications */
    static AlertmanagerProcess start(Path dir, String webhookUrl) throws IOException {
        Path config = Files.writeString(dir.resolve("alertmanager.yml"), CONFIG.formatted(webhookUrl));
        Path storage = Files.createDirectories(dir.resolve("data"));
        int port = freePort();
        Process process = new ProcessBuilder(
                        BINARY.toString(),
                        "--config.file=" + config,
                        "--storage.path=" + storage,
                        "--web.listen-address=127.0.0.1:" + port,
                        "--cluster.listen-address=")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile())
                .start();
        AlertmanagerProcess alertmanager = new AlertmanagerProcess(process, "http://127.0.0.1:" + port);
        try {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(
                                    "alertmanager exited: " + Files.readString(dir.resolve("alertmanager.log")));
                        }
                        return alertmanager.get("/-/ready").statusCode() == 200;
                    });
        } catch (RuntimeException e) {
            alertmanager.close();
            throw e;
        }
        return alertmanager;
    }

    String url() {
        return url;
    }

    /** GET /api/v2/alerts: the active alerts. */
    JsonNode alerts() {
        try {
            return JsonMapper.builder().build().readTree(get("/api/v2/alerts").body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create(url + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
