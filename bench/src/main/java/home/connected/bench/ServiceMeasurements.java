package home.connected.bench;

import home.connected.testing.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** What the bench reads of a running service: its meters, memory and CPU time. */
final class ServiceMeasurements {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ServiceProcess process;

    ServiceMeasurements(ServiceProcess process) {
        this.process = process;
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
        throw new IllegalStateException(process.module() + " has no " + statistic + " for " + name);
    }

    /**
     * The sum over all series of one meter in the Prometheus scrape (for services that expose only that),
     * e.g. {@code alert_readings_evaluated_total}; NaN when the scrape has none.
     */
    double prometheus(String name) {
        return prometheus(name, "");
    }

    /** As {@link #prometheus(String)}, over the series whose labels contain {@code label}, e.g. {@code quantile="0.99"}. */
    double prometheus(String name, String label) {
        double sum = 0;
        boolean found = false;
        for (String line : get("/actuator/prometheus").split("\n")) {
            if (line.length() > name.length()
                    && line.startsWith(name)
                    && (line.charAt(name.length()) == ' ' || line.charAt(name.length()) == '{')
                    && line.contains(label)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? sum : Double.NaN;
    }

    /** VmRSS and VmHWM (peak) in MiB. */
    String memory() {
        return ProcessMemory.of(process.pid())
                .map(memory -> String.format("RSS %d MiB (peak %d MiB)", memory.rssMib(), memory.peakMib()))
                .orElse("RSS unknown");
    }

    /** CPU seconds (user + system) the process used so far. */
    double cpuSeconds() {
        return ProcessCpu.cpuSeconds(Path.of("/proc", Long.toString(process.pid())));
    }

    private String get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + process.httpPort() + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
