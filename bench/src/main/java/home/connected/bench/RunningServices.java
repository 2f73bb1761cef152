package home.connected.bench;

import home.connected.testing.DevServices;
import home.connected.testing.ScratchDatabase;
import home.connected.testing.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * auth, ingest, query and gateway started from their jars on free ports against the dev services, as the
 * system tests start them, with a scratch database (dropped at exit) and a bootstrap admin. A shutdown hook
 * ends them when the bench stops in any way.
 */
final class RunningServices implements AutoCloseable {

    static final String ADMIN = "bench-admin";

    final String adminPassword = UUID.randomUUID().toString();
    final int gatewayHttp = ServiceProcess.freePort();
    private final Map<String, ServiceProcess> started = new LinkedHashMap<>();
    private final Thread stopAtExit = new Thread(this::close);

    RunningServices(String run) {
        Runtime.getRuntime().addShutdownHook(stopAtExit);
        DevServices services = DevServices.get();
        int authHttp = ServiceProcess.freePort();
        int authGrpc = ServiceProcess.freePort();
        int queryGrpc = ServiceProcess.freePort();
        String jwks = "http://127.0.0.1:" + authHttp + "/.well-known/jwks.json";

        ScratchDatabase database = ScratchDatabase.create("bench");
        Map<String, String> authEnv = new HashMap<>(services.environment());
        authEnv.put("CH_MARIADB_URL", database.url());
        authEnv.put("CH_BOOTSTRAP_ADMIN_USER", ADMIN);
        authEnv.put("CH_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        authEnv.put("CH_AUTH_KEY_ENCRYPTION_KEY", randomKey());
        start("auth-service", authHttp, Map.of("spring.grpc.server.port", String.valueOf(authGrpc)), authEnv);

        Map<String, String> ingestEnv = new HashMap<>(services.environment());
        ingestEnv.put("CH_INGEST_MQTT_PROVISION", "true");
        ingestEnv.put("CH_INGEST_MQTT_USER", "bench-ingest-" + run);
        ingestEnv.put("CH_INGEST_MQTT_PASSWORD", UUID.randomUUID().toString());
        ingestEnv.put("CH_INGEST_MQTT_CLIENT_ID", "bench-ingest-" + run);
        ingestEnv.put("CH_INGEST_MQTT_SHARE_GROUP", "bench-" + run);
        start("ingest-service", ServiceProcess.freePort(), Map.of(), ingestEnv);

        Map<String, String> queryEnv = new HashMap<>(services.environment());
        queryEnv.put("CH_AUTH_JWKS_URL", jwks);
        queryEnv.put("CH_QUERY_MQTT_CLIENT_ID", "bench-query-" + run);
        start(
                "query-service",
                ServiceProcess.freePort(),
                Map.of("spring.grpc.server.port", String.valueOf(queryGrpc)),
                queryEnv);

        Map<String, String> gatewayEnv = new HashMap<>(services.environment());
        gatewayEnv.put("CH_AUTH_GRPC_TARGET", "127.0.0.1:" + authGrpc);
        gatewayEnv.put("CH_QUERY_GRPC_TARGET", "127.0.0.1:" + queryGrpc);
        gatewayEnv.put("CH_ALERT_GRPC_TARGET", "127.0.0.1:" + ServiceProcess.freePort());
        gatewayEnv.put("CH_AUTH_HTTP_URL", "http://127.0.0.1:" + authHttp);
        gatewayEnv.put("CH_AUTH_JWKS_URL", jwks);
        gatewayEnv.put("CH_GATEWAY_GRPC_ADDRESS", "127.0.0.1");
        start(
                "gateway-service",
                gatewayHttp,
                Map.of("ch.gateway.grpc.port", String.valueOf(ServiceProcess.freePort())),
                gatewayEnv);
        try {
            started.values().forEach(ServiceProcess::awaitReady);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void start(String module, int port, Map<String, String> properties, Map<String, String> environment) {
        started.put(module, ServiceProcess.launch(module, port, properties, environment));
    }

    /** Each service's VmRSS in MiB, from /proc. */
    String memory() {
        List<String> parts = new ArrayList<>();
        started.forEach((module, process) -> parts.add(module + " " + rssMib(process.pid()) + " MiB"));
        return String.join(", ", parts);
    }

    private static String rssMib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.toString(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
                }
            }
            return "?";
        } catch (IOException e) {
            return "?";
        }
    }

    @Override
    public synchronized void close() {
        List<ServiceProcess> processes = new ArrayList<>(started.values());
        for (int i = processes.size() - 1; i >= 0; i--) {
            try {
                processes.get(i).close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        started.clear();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
