package home.connected.system;

import home.connected.testing.DevServices;
import home.connected.testing.ScratchDatabase;
import home.connected.testing.ServiceProcess;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * auth, ingest, query and gateway started side by side from their jars on free ports, wired to each other and
 * to the dev services, with an empty database of their own and a bootstrap admin.
 */
final class RunningSystem implements AutoCloseable {

    static final String ADMIN = "e2e-admin";

    final String adminPassword = UUID.randomUUID().toString();
    final int gatewayHttp = ServiceProcess.freePort();
    final int gatewayGrpc = ServiceProcess.freePort();
    private final List<ServiceProcess> started = new ArrayList<>();

    RunningSystem() {
        DevServices services = DevServices.get();
        services.requireListening("MariaDB", services.mariadbUrl());
        services.requireListening("Mosquitto", services.mqttUrl());
        services.requireListening("InfluxDB front", services.influxUrl());
        String run = UUID.randomUUID().toString().substring(0, 8);
        int authHttp = ServiceProcess.freePort();
        int authGrpc = ServiceProcess.freePort();
        int queryGrpc = ServiceProcess.freePort();
        String jwks = "http://127.0.0.1:" + authHttp + "/.well-known/jwks.json";

        ScratchDatabase database = ScratchDatabase.create("system_test");
        Map<String, String> authEnv = environment(services);
        authEnv.put("CH_MARIADB_URL", database.url());
        authEnv.put("CH_BOOTSTRAP_ADMIN_USER", ADMIN);
        authEnv.put("CH_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        authEnv.put("CH_AUTH_KEY_ENCRYPTION_KEY", randomKey());
        start("auth-service", authHttp, Map.of("spring.grpc.server.port", String.valueOf(authGrpc)), authEnv);

        Map<String, String> ingestEnv = environment(services);
        ingestEnv.put("CH_INGEST_MQTT_PROVISION", "true");
        ingestEnv.put("CH_INGEST_MQTT_USER", "system-test-ingest-" + run);
        ingestEnv.put("CH_INGEST_MQTT_PASSWORD", UUID.randomUUID().toString());
        ingestEnv.put("CH_INGEST_MQTT_CLIENT_ID", "system-test-ingest-" + run);
        ingestEnv.put("CH_INGEST_MQTT_SHARE_GROUP", "system-test-" + run);
        start("ingest-service", ServiceProcess.freePort(), Map.of(), ingestEnv);

        Map<String, String> queryEnv = environment(services);
        queryEnv.put("CH_AUTH_JWKS_URL", jwks);
        queryEnv.put("CH_QUERY_MQTT_CLIENT_ID", "system-test-query-" + run);
        start(
                "query-service",
                ServiceProcess.freePort(),
                Map.of("spring.grpc.server.port", String.valueOf(queryGrpc)),
                queryEnv);

        Map<String, String> gatewayEnv = environment(services);
        gatewayEnv.put("CH_AUTH_GRPC_TARGET", "127.0.0.1:" + authGrpc);
        gatewayEnv.put("CH_QUERY_GRPC_TARGET", "127.0.0.1:" + queryGrpc);
        gatewayEnv.put("CH_ALERT_GRPC_TARGET", "127.0.0.1:" + ServiceProcess.freePort());
        gatewayEnv.put("CH_AUTH_HTTP_URL", "http://127.0.0.1:" + authHttp);
        gatewayEnv.put("CH_AUTH_JWKS_URL", jwks);
        gatewayEnv.put("CH_GATEWAY_GRPC_ADDRESS", "127.0.0.1");
        start("gateway-service", gatewayHttp, Map.of("ch.gateway.grpc.port", String.valueOf(gatewayGrpc)), gatewayEnv);
        try {
            started.forEach(ServiceProcess::awaitReady);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void start(String module, int port, Map<String, String> properties, Map<String, String> environment) {
        started.add(ServiceProcess.launch(module, port, properties, environment));
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        started.clear();
    }

    private static Map<String, String> environment(DevServices services) {
        return new HashMap<>(services.environment());
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
