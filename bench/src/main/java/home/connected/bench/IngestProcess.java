package home.connected.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/** ingest-service started from its jar as a child process, as it runs in production. */
final class IngestProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;

    IngestProcess(Path jar, List<String> javaOptions, Map<String, String> environment, Path log) throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + port);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        process = builder.start();
        // a bench stopped with Ctrl-C or SIGTERM must not leave its ingest-service running
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("ingest-service exited with " + process.exitValue());
            }
            if (status("/actuator/health/readiness") == 200) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new IllegalStateException("ingest-service not ready after " + timeout.toSeconds() + " s");
    }

    /**
     * One statistic ({@code COUNT}, {@code TOTAL}, {@code VALUE}) of a meter over all its series,
     * from /actuator/metrics/{name}: one meter is far cheaper to serve than a whole Prometheus scrape,
     * and the bench asks several times a second.
     */
    double metric(String name, String statistic) {
        for (JsonNode measurement :
                Mqtt.JSON.readTree(get("/actuator/metrics/" + name)).path("measurements")) {
            if (measurement.path("statistic").asString().equals(statistic)) {
                return measurement.path("value").asDouble();
            }
        }
        throw new IllegalStateException("ingest-service has no " + statistic + " for " + name);
    }

    /** VmRSS and VmHWM (peak) in MiB, from /proc. */
    String memory() {
        try {
            long rss = 0;
            long peak = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line);
                } else if (line.startsWith("VmHWM:")) {
                    peak = kib(line);
                }
            }
            return String.format("RSS %d MiB (peak %d MiB)", rss / 1024, peak / 1024);
        } catch (IOException e) {
            return "RSS unknown (" + e.getMessage() + ")";
        }
    }

    /** CPU seconds (user + system) the process used so far. */
    double cpuSeconds() {
        return ProcessCpu.cpuSeconds(Path.of("/proc", Long.toString(process.pid())));
    }

    long pid() {
        return process.pid();
    }

    private static long kib(String statusLine) {
        return Long.parseLong(statusLine.replaceAll("[^0-9]", ""));
    }

    private int status(String path) {
        try {
            return HTTP.send(request(path), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String get(String path) {
        try {
            return HTTP.send(request(path), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
