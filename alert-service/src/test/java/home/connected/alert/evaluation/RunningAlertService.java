package home.connected.alert.evaluation;

import home.connected.alert.AlertServiceApplication;
import home.connected.contracts.alert.v1.AlertServiceGrpc;
import home.connected.testing.DevServices;
import home.connected.testing.ScratchDatabase;
import home.connected.testing.ServiceProcess;
import home.connected.testing.TestTokenIssuer;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * alert-service as a whole, in this JVM, against one scratch database, the dev broker and
 * InfluxDB: started, stopped and started again on the same state, as a restart does. Timers tick
 * fast so the tests need not wait long.
 */
final class RunningAlertService implements AutoCloseable {

    static final TestTokenIssuer TOKENS = new TestTokenIssuer("alert-flow-key", "tester", "Tester");

    private final Map<String, Object> properties = new HashMap<>();
    private final int grpcPort = ServiceProcess.freePort();
    private ConfigurableApplicationContext context;
    private ManagedChannel channel;

    RunningAlertService() {
        DevServices services = DevServices.get();
        ScratchDatabase database = ScratchDatabase.create("alert_flow");
        String client = "alert-flow-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        properties.put("spring.datasource.url", database.url());
        properties.put("spring.datasource.username", database.user());
        properties.put("spring.datasource.password", database.password());
        properties.put("spring.grpc.server.port", grpcPort);
        properties.put("server.port", 0);
        properties.put("ch.alert.secrets.encryption-key", Base64.getEncoder().encodeToString(key));
        properties.put("ch.alert.tokens.jwks-url", TOKENS.jwksUrl());
        properties.put("ch.alert.mqtt.url", services.mqttUrl());
        properties.put("ch.alert.mqtt.admin-username", services.mqttAdminUser());
        properties.put("ch.alert.mqtt.admin-password", services.mqttAdminPassword());
        properties.put("ch.alert.mqtt.provision-with-admin", true);
        properties.put("ch.alert.mqtt.username", client);
        properties.put("ch.alert.mqtt.password", UUID.randomUUID().toString());
        properties.put("ch.alert.mqtt.client-id", client);
        properties.put("ch.alert.influx.url", services.influxUrl());
        properties.put("ch.alert.influx.token", services.influxToken());
        properties.put("ch.alert.influx.org", services.influxOrg());
        properties.put("ch.alert.influx.database", services.influxBucket());
        properties.put("ch.alert.evaluation.tick", "200ms");
        properties.put("ch.alert.evaluation.checkpoint-interval", "300ms");
        properties.put("ch.alert.leader.time-to-live", "3s");
        properties.put("ch.alert.leader.heartbeat", "300ms");
        properties.put("ch.alert.delivery.poll-interval", "200ms");
        properties.put("ch.alert.delivery.first-retry", "500ms");
    }

    synchronized RunningAlertService start() {
        // As arguments: they win over application.yml, as the environment does in production.
        context = new SpringApplicationBuilder(AlertServiceApplication.class)
                .run(properties.entrySet().stream()
                        .map(property -> "--" + property.getKey() + "=" + property.getValue())
                        .toArray(String[]::new));
        return this;
    }

    /** A clean stop, as on a deploy: the leader writes its last checkpoint and lets go of the lock. */
    synchronized void stop() {
        if (channel != null) {
            channel.shutdownNow();
            channel = null;
        }
        if (context != null) {
            context.close();
            context = null;
        }
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** A client with alerts:read and alerts:manage. */
    synchronized AlertServiceGrpc.AlertServiceBlockingStub api() {
        if (channel == null) {
            channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort)
                    .usePlaintext()
                    .build();
        }
        Metadata metadata = new Metadata();
        metadata.put(
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + TOKENS.token("alerts:read", "alerts:manage"));
        return AlertServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata))
                .withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        stop();
    }
}
