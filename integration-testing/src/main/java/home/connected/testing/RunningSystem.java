package home.connected.testing;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * auth, ingest, query, alert and gateway started side by side from their jars on free ports, wired to each
 * other and to the dev services, with an empty scratch database and InfluxDB database of their own and a
 * bootstrap admin: for the system tests and the bench.
 */
public final class RunningSystem implements AutoCloseable {

    private static final List<String> MODULES =
            List.of("auth-service", "ingest-service", "query-service", "alert-service", "gateway-service");

    private final String adminUser;
    private final int gatewayHttp = ServiceProcess.freePort();
    private final int gatewayGrpc = ServiceProcess.freePort();
    private final Map<String, ServiceProcess> started = new LinkedHashMap<>();
    private final Map<String, String> alertEnv = new HashMap<>();
    private final Map<String, Map<String, String>> extraProperties;
    private final String purpose;
    private final String run;
    private final SystemData data;
    private final boolean ownsData;

    /**
     * Starts the four services and waits until each is ready.
     *
     * @param purpose who runs them, lower-case letters, digits and '-' (e.g. {@code system-test}): names the
     *     admin, ingest's broker client and session, and the scratch database
     * @param run what tells this run from others, e.g. a few random characters
     */
    public RunningSystem(String purpose, String run) {
        this(purpose, run, Map.of());
    }

    /**
     * Starts the four services with some of their settings changed, e.g. a short access-token lifetime:
     * {@code Map.of("auth-service", Map.of("ch.auth.tokens.access-token-ttl", "40s"))}.
     *
     * @param extraProperties Spring properties by module name, on top of (and winning over) the wiring
     */
    public RunningSystem(String purpose, String run, Map<String, Map<String, String>> extraProperties) {
        this(purpose, run, extraProperties, null);
    }

    /**
     * Starts the services on the data another system left (the same purpose names the same admin), e.g.
     * after restoring a backup into its databases.
     */
    public RunningSystem(String purpose, String run, SystemData data) {
        this(purpose, run, Map.of(), data);
    }

    private RunningSystem(
            String purpose, String run, Map<String, Map<String, String>> extraProperties, SystemData existing) {
        if (!purpose.matches("[a-z0-9-]{1,24}")) {
            throw new IllegalArgumentException("purpose must be [a-z0-9-]{1,24}: " + purpose);
        }
        List<String> unknown = extraProperties.keySet().stream()
                .filter(module -> !MODULES.contains(module))
                .sorted()
                .toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "extra properties for modules that do not run here: " + unknown + "; the modules are " + MODULES);
        }
        this.extraProperties = Map.copyOf(extraProperties);
        DevServices services = DevServices.get();
        services.requireListening("MariaDB", services.mariadbUrl());
        services.requireListening("Mosquitto", services.mqttUrl());
        services.requireListening("InfluxDB front", services.influxUrl());
        this.purpose = purpose;
        this.run = run;
        adminUser = purpose + "-admin";
        int authHttp = ServiceProcess.freePort();
        int authGrpc = ServiceProcess.freePort();
        int queryGrpc = ServiceProcess.freePort();
        String jwks = "http://127.0.0.1:" + authHttp + "/.well-known/jwks.json";

        ownsData = existing == null;
        data = ownsData ? SystemData.create(purpose.replace('-', '_')) : existing;
        ScratchDatabase database = data.database();
        Map<String, String> base = new HashMap<>(services.environment());
        base.put("CH_INFLUX_BUCKET", data.influx().bucket());
        Map<String, String> authEnv = new HashMap<>(base);
        authEnv.put("CH_MARIADB_URL", database.url());
        authEnv.put("CH_BOOTSTRAP_ADMIN_USER", adminUser);
        authEnv.put("CH_BOOTSTRAP_ADMIN_PASSWORD", data.adminPassword());
        authEnv.put("CH_AUTH_KEY_ENCRYPTION_KEY", data.authKeyEncryptionKey());
        start("auth-service", authHttp, Map.of("spring.grpc.server.port", String.valueOf(authGrpc)), authEnv);

        Map<String, String> ingestEnv = new HashMap<>(base);
        ingestEnv.put("CH_INGEST_MQTT_PROVISION", "true");
        ingestEnv.put("CH_INGEST_MQTT_USER", purpose + "-ingest-" + run);
        ingestEnv.put("CH_INGEST_MQTT_PASSWORD", UUID.randomUUID().toString());
        ingestEnv.put("CH_INGEST_MQTT_CLIENT_ID", purpose + "-ingest-" + run);
        // a run's session, with its own client id, must not outlive the run for a day, queuing at the broker
        ingestEnv.put("CH_INGEST_MQTT_SESSION_EXPIRY", "5m");
        ingestEnv.put("CH_INGEST_MQTT_SHARE_GROUP", purpose + "-" + run);
        start("ingest-service", ServiceProcess.freePort(), Map.of(), ingestEnv);

        Map<String, String> queryEnv = new HashMap<>(base);
        queryEnv.put("CH_AUTH_JWKS_URL", jwks);
        queryEnv.put("CH_QUERY_MQTT_CLIENT_ID", purpose + "-query-" + run);
        start(
                "query-service",
                ServiceProcess.freePort(),
                Map.of("spring.grpc.server.port", String.valueOf(queryGrpc)),
                queryEnv);

        int alertGrpc = ServiceProcess.freePort();
        alertEnv.putAll(base);
        alertEnv.put("CH_MARIADB_URL", database.url());
        alertEnv.put("CH_AUTH_JWKS_URL", jwks);
        alertEnv.put("CH_ALERT_MQTT_PROVISION", "true");
        alertEnv.put("CH_ALERT_MQTT_USER", purpose + "-alert-" + run);
        alertEnv.put("CH_ALERT_MQTT_PASSWORD", UUID.randomUUID().toString());
        alertEnv.put("CH_ALERT_SECRETS_KEY", data.alertSecretsKey());
        alertEnv.put("CH_ALERT_DASHBOARD_URL", "http://127.0.0.1:" + gatewayHttp);
        alertEnv.put("CH_ALERT_MQTT_CLIENT_ID", purpose + "-alert-service-" + run);
        start(
                "alert-service",
                ServiceProcess.freePort(),
                Map.of("spring.grpc.server.port", String.valueOf(alertGrpc)),
                alertEnv);

        Map<String, String> gatewayEnv = new HashMap<>(base);
        gatewayEnv.put("CH_AUTH_GRPC_TARGET", "127.0.0.1:" + authGrpc);
        gatewayEnv.put("CH_QUERY_GRPC_TARGET", "127.0.0.1:" + queryGrpc);
        gatewayEnv.put("CH_ALERT_GRPC_TARGET", "127.0.0.1:" + alertGrpc);
        gatewayEnv.put("CH_AUTH_HTTP_URL", "http://127.0.0.1:" + authHttp);
        gatewayEnv.put("CH_AUTH_JWKS_URL", jwks);
        gatewayEnv.put("CH_GATEWAY_GRPC_ADDRESS", "127.0.0.1");
        start("gateway-service", gatewayHttp, Map.of("ch.gateway.grpc.port", String.valueOf(gatewayGrpc)), gatewayEnv);
        try {
            started.values().forEach(ServiceProcess::awaitReady);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Starts one more alert-service on the same database and broker as the first (its own client id and
     * gRPC port), without waiting for it: replicas elect one leader among themselves.
     *
     * @param name a key for {@link #services()} other than the modules', e.g. {@code alert-service-2}
     */
    public ServiceProcess startAlertReplica(String name, int grpcPort) {
        Map<String, String> environment = new HashMap<>(alertEnv);
        environment.put("CH_ALERT_MQTT_CLIENT_ID", purpose + "-" + name + "-" + run);
        ServiceProcess process = ServiceProcess.of("alert-service")
                .httpPort(ServiceProcess.freePort())
                .properties(withExtra("alert-service", Map.of("spring.grpc.server.port", String.valueOf(grpcPort))))
                .environment(environment)
                .log(DevServices.repoRoot(System.getenv()).resolve("target/system-logs/" + name + ".log"))
                .start();
        started.put(name, process);
        return process;
    }

    private void start(String module, int port, Map<String, String> properties, Map<String, String> environment) {
        started.put(
                module,
                ServiceProcess.of(module)
                        .httpPort(port)
                        .properties(withExtra(module, properties))
                        .environment(environment)
                        .start());
    }

    private Map<String, String> withExtra(String module, Map<String, String> properties) {
        Map<String, String> merged = new HashMap<>(properties);
        merged.putAll(extraProperties.getOrDefault(module, Map.of()));
        return merged;
    }

    public String adminUser() {
        return adminUser;
    }

    public String adminPassword() {
        return data.adminPassword();
    }

    public int gatewayHttp() {
        return gatewayHttp;
    }

    public int gatewayGrpc() {
        return gatewayGrpc;
    }

    /** The InfluxDB bucket (database) this system's readings go to, its own. */
    public String influxBucket() {
        return data.influx().bucket();
    }

    /** The databases and secrets this system runs on: to back up, or to start another system on. */
    public SystemData data() {
        return data;
    }

    /** The running services by module name, in the order they started. */
    public Map<String, ServiceProcess> services() {
        return Collections.unmodifiableMap(started);
    }

    /**
     * Stops the services, the last started first, and drops the system's InfluxDB database unless it
     * runs on another's data (then that is dropped when the JVM exits).
     */
    @Override
    public synchronized void close() {
        List<ServiceProcess> processes = List.copyOf(started.values());
        for (int i = processes.size() - 1; i >= 0; i--) {
            try {
                processes.get(i).close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!started.isEmpty() && ownsData) {
            data.influx().drop();
        }
        started.clear();
    }
}
