package home.connected.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Node-RED 4 as the peer: installed once by the bench with the system npm from the npm registry (never by the
 * product), started from a flows.json the bench writes — MQTT in on the raw readings topic, a function node
 * holding the same threshold and hysteresis per sensor, HTTP request POST of Alertmanager-like JSON to the
 * bench's receiver. Its editor, admin API, palette installs and telemetry are off: it makes no traffic
 * beyond loopback.
 */
final class NodeRed implements AutoCloseable {

    private static final String PACKAGE = "node-red@4";
    private static final long INSTALL_TIMEOUT_MINUTES = 10;

    private final Path home;
    private final Process process;
    private final Path log;

    private NodeRed(Path home, Process process, Path log) {
        this.home = home;
        this.process = process;
        this.log = log;
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-node-red"));
    }

    /** Runs {@code npm install node-red@4} into {@code home} unless it is there already; returns its version. */
    static String install(Path home) throws IOException, InterruptedException {
        Path installed = home.resolve("node_modules/node-red/package.json");
        if (!Files.exists(installed)) {
            Files.createDirectories(home);
            System.out.printf("installing %s into %s with npm (first use only)%n", PACKAGE, home);
            Path npmLog = home.resolve("npm-install.log");
            Process npm = new ProcessBuilder(
                            "npm",
                            "install",
                            "--prefix",
                            home.toString(),
                            "--no-audit",
                            "--no-fund",
                            "--no-update-notifier",
                            "--omit=dev",
                            PACKAGE)
                    .redirectErrorStream(true)
                    .redirectOutput(npmLog.toFile())
                    .start();
            if (!npm.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                npm.destroyForcibly();
                throw new IllegalStateException(
                        "npm install " + PACKAGE + " took over " + INSTALL_TIMEOUT_MINUTES + " min; see " + npmLog);
            }
            if (npm.exitValue() != 0 || !Files.exists(installed)) {
                throw new IllegalStateException("npm install " + PACKAGE + " failed; see " + npmLog);
            }
        }
        return Mqtt.JSON.readTree(installed.toFile()).path("version").asString();
    }

    /**
     * Writes settings, flows and credentials into {@code home/user} and starts Node-RED on {@code port}.
     *
     * @param mqttUrl the dev broker, e.g. {@code tcp://127.0.0.1:11883}
     * @param device the device whose sensors {@code s0..s(sensors-1)} the flow watches
     * @param hookUrl where the flow POSTs its notifications
     */
    static NodeRed start(
            Path home,
            int port,
            String mqttUrl,
            String mqttUser,
            String mqttPassword,
            String readingsTopic,
            String device,
            int sensors,
            String hookUrl)
            throws IOException {
        Path user = home.resolve("user");
        Files.createDirectories(user);
        Files.writeString(user.resolve("settings.js"), settings());
        URI broker = URI.create(mqttUrl);
        Files.writeString(
                user.resolve("flows.json"),
                Mqtt.JSON.writeValueAsString(
                        flows(broker.getHost(), broker.getPort(), readingsTopic, device, sensors, hookUrl)));
        Files.writeString(
                user.resolve("flows_cred.json"),
                Mqtt.JSON.writeValueAsString(
                        Map.of("bench-broker", Map.of("user", mqttUser, "password", mqttPassword))));
        Path log = home.resolve("node-red.log");
        Process process = new ProcessBuilder(
                        "node",
                        home.resolve("node_modules/node-red/red.js").toString(),
                        "--port",
                        Integer.toString(port),
                        "--userDir",
                        user.toString(),
                        "--settings",
                        user.resolve("settings.js").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new NodeRed(home, process, log);
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String settings() {
        return """
                module.exports = {
                    flowFile: 'flows.json',
                    credentialSecret: false,
                    uiHost: '127.0.0.1',
                    httpAdminRoot: false,
                    httpNodeRoot: false,
                    externalModules: { autoInstall: false, palette: { allowInstall: false, allowUpload: false } },
                    telemetry: { enabled: false },
                    diagnostics: { enabled: false },
                    logging: { console: { level: 'warn', metrics: false, audit: false } },
                    functionExternalModules: false
                };
                """;
    }

    /** The flow: mqtt in → function (threshold with hysteresis, per sensor) → http request POST. */
    private static List<Map<String, Object>> flows(
            String host, int port, String topic, String device, int sensors, String hookUrl) {
        String function = """
                const parts = msg.topic.split('/');
                const device = parts[parts.length - 2];
                if (device !== DEVICE || !msg.payload || !Array.isArray(msg.payload.readings)) {
                    return null;
                }
                const state = context.get('state') || {};
                const out = [];
                for (const r of msg.payload.readings) {
                    if (r.quantity !== 'temperature' || typeof r.sensor !== 'string' || !/^s[0-9]+$/.test(r.sensor)
                            || Number(r.sensor.slice(1)) >= SENSORS) {
                        continue;
                    }
                    const firing = state[r.sensor] === true;
                    let status = null;
                    if (!firing && r.value > THRESHOLD) {
                        status = 'firing';
                    } else if (firing && r.value < THRESHOLD - HYSTERESIS) {
                        status = 'resolved';
                    }
                    if (status !== null) {
                        state[r.sensor] = status === 'firing';
                        out.push({ payload: { version: '4', receiver: 'node-red', status: status, alerts: [{
                            status: status,
                            labels: { alertname: 'hot', device: device, sensor: r.sensor, quantity: r.quantity },
                            annotations: { value: String(r.value) } }] } });
                    }
                }
                context.set('state', state);
                return out.length === 0 ? null : [out];
                """.replace("DEVICE", "'" + device + "'")
                .replace("SENSORS", Integer.toString(sensors))
                .replace("THRESHOLD - HYSTERESIS", AlertEpisodes.THRESHOLD + " - " + AlertEpisodes.HYSTERESIS)
                .replace("THRESHOLD", Double.toString(AlertEpisodes.THRESHOLD));
        Map<String, Object> tab = node("bench-tab", "tab");
        tab.put("label", "bench");
        Map<String, Object> broker = node("bench-broker", "mqtt-broker");
        broker.putAll(Map.of(
                "name",
                "dev broker",
                "broker",
                host,
                "port",
                Integer.toString(port),
                "clientid",
                "bench-node-red-" + System.nanoTime(),
                "autoConnect",
                true,
                "usetls",
                false,
                "protocolVersion",
                "4",
                "keepalive",
                "60",
                "cleansession",
                true));
        Map<String, Object> in = node("bench-in", "mqtt in");
        in.putAll(Map.of(
                "z",
                "bench-tab",
                "topic",
                topic,
                "qos",
                "1",
                "datatype",
                "json",
                "broker",
                "bench-broker",
                "nl",
                false,
                "rap",
                true,
                "rh",
                0,
                "inputs",
                0,
                "wires",
                List.of(List.of("bench-threshold"))));
        Map<String, Object> threshold = node("bench-threshold", "function");
        threshold.putAll(Map.of(
                "z",
                "bench-tab",
                "name",
                "above threshold, with hysteresis",
                "func",
                function,
                "outputs",
                1,
                "wires",
                List.of(List.of("bench-post"))));
        Map<String, Object> post = node("bench-post", "http request");
        post.putAll(Map.of(
                "z",
                "bench-tab",
                "method",
                "POST",
                "ret",
                "txt",
                "paytoqs",
                "ignore",
                "url",
                hookUrl,
                "persist",
                true,
                "headers",
                List.of(),
                "wires",
                List.of(List.of())));
        return List.of(tab, broker, in, threshold, post);
    }

    private static Map<String, Object> node(String id, String type) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("id", id);
        node.put("type", type);
        return node;
    }

    @Override
    public String toString() {
        return "Node-RED in " + home + " (pid " + process.pid() + ", log " + log + ")";
    }
}
