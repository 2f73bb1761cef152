package home.connected.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Connection details of the dev services (MariaDB, Mosquitto, InfluxDB) for integration tests.
 *
 * <p>Read from the {@code CH_*} environment variables; when they are unset, from the output of
 * {@code ./dev/services env}. A service that is not there fails the test with the command that
 * starts it: integration tests are never skipped silently.
 */
public final class DevServices {

    public static final String START_COMMAND = "./dev/services up";

    private static final Pattern EXPORT_LINE = Pattern.compile("^export (CH_[A-Z0-9_]+)='(.*)'$");
    private static DevServices instance;

    private final Map<String, String> values;

    DevServices(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static synchronized DevServices get() {
        if (instance == null) {
            instance = new DevServices(resolve(System.getenv()));
        }
        return instance;
    }

    public String mariadbUrl() {
        return require("CH_MARIADB_URL");
    }

    public String mariadbUser() {
        return require("CH_MARIADB_USER");
    }

    public String mariadbPassword() {
        return require("CH_MARIADB_PASSWORD");
    }

    public String mqttUrl() {
        return require("CH_MQTT_URL");
    }

    public String mqttAdminUser() {
        return require("CH_MQTT_ADMIN_USER");
    }

    public String mqttAdminPassword() {
        return require("CH_MQTT_ADMIN_PASSWORD");
    }

    public String influxUrl() {
        return require("CH_INFLUX_URL");
    }

    /** InfluxDB itself, without the front ingest-service writes through: for comparisons with the bare database. */
    public String influxDirectUrl() {
        return require("CH_INFLUX_DIRECT_URL");
    }

    public String influxOrg() {
        return require("CH_INFLUX_ORG");
    }

    public String influxBucket() {
        return require("CH_INFLUX_BUCKET");
    }

    public String influxToken() {
        return require("CH_INFLUX_TOKEN");
    }

    /** Every CH_* value, to hand on to a service started as a process. */
    public Map<String, String> environment() {
        return values;
    }

    /** Fails with the command that starts the service when nothing listens at the URL's host and port. */
    public void requireListening(String name, String url) {
        URI uri = URI.create(url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
        } catch (IOException e) {
            throw new IllegalStateException(
                    name + " does not answer at " + uri.getHost() + ":" + uri.getPort() + " (" + e.getMessage()
                            + "). Start the dev services with: " + START_COMMAND,
                    e);
        }
    }

    public String require(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    name + " is not set and `./dev/services env` did not provide it. Start the dev services with: "
                            + START_COMMAND);
        }
        return value;
    }

    static Map<String, String> resolve(Map<String, String> environment) {
        Map<String, String> resolved = new HashMap<>();
        if (!environment.containsKey("CH_MQTT_URL")) {
            resolved.putAll(readServicesEnv(repoRoot(environment)));
        }
        environment.forEach((key, value) -> {
            if (key.startsWith("CH_")) {
                resolved.put(key, value);
            }
        });
        return resolved;
    }

    static Map<String, String> parseExports(String output) {
        Map<String, String> parsed = new HashMap<>();
        for (String line : output.split("\n")) {
            Matcher matcher = EXPORT_LINE.matcher(line.strip());
            if (matcher.matches()) {
                parsed.put(matcher.group(1), matcher.group(2).replace("'\\''", "'"));
            }
        }
        return parsed;
    }

    /** The repository root: CH_REPO_ROOT (set by the build) or the nearest folder up with ports.env. */
    public static Path repoRoot(Map<String, String> environment) {
        String configured = environment.get("CH_REPO_ROOT");
        Path start = Path.of(configured != null ? configured : "").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("ports.env"))) {
                return dir;
            }
        }
        return start;
    }

    private static Map<String, String> readServicesEnv(Path repoRoot) {
        Path script = repoRoot.resolve("dev/services");
        if (!Files.isExecutable(script)) {
            return Map.of();
        }
        try {
            Process process = new ProcessBuilder(script.toString(), "env")
                    .directory(repoRoot.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Map.of();
            }
            return parseExports(output);
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }
}
