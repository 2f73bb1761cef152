package home.connected.alert.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import home.connected.contracts.alert.v1.AlertServiceGrpc;
import home.connected.contracts.alert.v1.Channel;
import home.connected.contracts.alert.v1.WebhookChannel;
import home.connected.testing.DevServices;
import home.connected.testing.GrpcServerPort;
import home.connected.testing.ScratchDatabase;
import home.connected.testing.ScratchInflux;
import home.connected.testing.TestTokenIssuer;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * alert-service against a scratch database on the dev MariaDB, verifying tokens against
 * {@link #TOKENS}' JWKS, called through a real gRPC channel. All subclasses share one context.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.grpc.server.port=0",
            "ch.alert.evaluation.max-rules=30",
            "ch.alert.backtest.max-readings=" + AlertServiceTest.MAX_BACKTEST_READINGS
        })
@Import(GrpcServerPort.class)
public abstract class AlertServiceTest {

    /** Tokens for user {@code tester}; its JWKS server lives as long as the test JVM. */
    protected static final TestTokenIssuer TOKENS = new TestTokenIssuer("alert-test-key", "tester", "Tester");

    protected static final int MAX_RULES = 30;

    protected static final int MAX_BACKTEST_READINGS = 1000;

    /** Every table the API writes or reads, in an order that deletes can follow. */
    private static final List<String> TABLES = List.of(
            "alert_notification",
            "alert_event",
            "alert_series_control",
            "alert_series",
            "alert_rule_channel",
            "alert_rule",
            "alert_channel");

    private static final ScratchDatabase DATABASE = ScratchDatabase.create("alert_api");
    /** Readings the tests store (for backtests) stay out of the dev database's catalogue. */
    protected static final ScratchInflux INFLUX = ScratchInflux.create("alert_api");

    private static final String ENCRYPTION_KEY = randomKey();
    /** alert-service's broker client in this test JVM, created through dynamic security at start. */
    private static final String BROKER_CLIENT =
            "alert-api-test-" + UUID.randomUUID().toString().substring(0, 8);

    private static final String BROKER_PASSWORD = UUID.randomUUID().toString();

    @LocalServerPort
    protected int httpPort;

    @Autowired
    protected GrpcServerPort grpcPort;

    @Autowired
    protected JdbcClient jdbc;

    private ManagedChannel channel;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        DevServices services = DevServices.get();
        registry.add("spring.datasource.url", DATABASE::url);
        registry.add("spring.datasource.username", DATABASE::user);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("ch.alert.secrets.encryption-key", () -> ENCRYPTION_KEY);
        registry.add("ch.alert.tokens.jwks-url", TOKENS::jwksUrl);
        registry.add("ch.alert.mqtt.url", services::mqttUrl);
        registry.add("ch.alert.mqtt.admin-username", services::mqttAdminUser);
        registry.add("ch.alert.mqtt.admin-password", services::mqttAdminPassword);
        registry.add("ch.alert.mqtt.provision-with-admin", () -> "true");
        registry.add("ch.alert.mqtt.username", () -> BROKER_CLIENT);
        registry.add("ch.alert.mqtt.password", () -> BROKER_PASSWORD);
        registry.add("ch.alert.mqtt.client-id", () -> BROKER_CLIENT);
        registry.add("ch.alert.influx.url", services::influxUrl);
        registry.add("ch.alert.influx.token", services::influxToken);
        registry.add("ch.alert.influx.org", services::influxOrg);
        registry.add("ch.alert.influx.database", INFLUX::bucket);
    }

    /** Calls as a user who may read and change alerts. */
    protected AlertServiceGrpc.AlertServiceBlockingStub manager() {
        return stub(TOKENS.token("alerts:read", "alerts:manage"));
    }

    /** Calls as a user who may only read alerts (a guest). */
    protected AlertServiceGrpc.AlertServiceBlockingStub reader() {
        return stub(TOKENS.token("alerts:read"));
    }

    protected AlertServiceGrpc.AlertServiceBlockingStub stub(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return AlertServiceGrpc.newBlockingStub(channel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private synchronized ManagedChannel channel() {
        if (channel == null) {
            channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort.get())
                    .usePlaintext()
                    .build();
        }
        return channel;
    }

    @AfterEach
    void closeChannel() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            channel = null;
        }
    }

    /** Every row of every alert table, to show that a refused call wrote nothing. */
    protected Map<String, List<Map<String, Object>>> tables() {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            rows.put(
                    table,
                    jdbc.sql("SELECT * FROM " + table + " ORDER BY 1").query().listOfRows().stream()
                            .map(AlertServiceTest::comparable)
                            .toList());
        }
        return rows;
    }

    private static Map<String, Object> comparable(Map<String, Object> row) {
        Map<String, Object> copy = new LinkedHashMap<>();
        row.forEach((column, value) ->
                copy.put(column, value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value));
        return copy;
    }

    /** Runs the call, expects it refused with that code and a description containing {@code message}, and nothing written. */
    protected void assertRefused(Status.Code code, String message, Runnable call) {
        Map<String, List<Map<String, Object>>> before = tables();
        StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class, call::run);
        assertThat(refused).as("refused with " + message).isNotNull();
        assertThat(refused.getStatus().getCode())
                .as(refused.getStatus().toString())
                .isEqualTo(code);
        assertThat(refused.getStatus().getDescription()).contains(message);
        assertThat(tables()).as("tables after a refused call").isEqualTo(before);
    }

    protected void clearAll() {
        TABLES.forEach(table -> jdbc.sql("DELETE FROM " + table).update());
    }

    /** A webhook channel to a port nothing listens on (for rules that need a channel). */
    protected Channel webhookChannel(String name) {
        return manager()
                .createChannel(Channel.newBuilder()
                        .setName(name)
                        .setWebhook(WebhookChannel.newBuilder().setUrl("http://127.0.0.1:9/hook"))
                        .build());
    }

    /** A series of a rule as the evaluator writes it (alert_series), in the given state. */
    protected void insertSeries(String alertId, String ruleId, String state, long episode, String device) {
        Timestamp since = Timestamp.from(Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MICROS));
        jdbc.sql("INSERT INTO alert_series (alert_id, rule_id, device_id, sensor, quantity, location, unit, state,"
                        + " state_since, episode, notified_episode, repeats, last_value, last_reading_at, reason,"
                        + " updated_at) VALUES (?, ?, ?, 'sht31', 'temperature', 'kitchen', '°C', ?, ?, ?, ?, 0,"
                        + " 31.5, ?, 'above 30', ?)")
                .params(alertId, ruleId, device, state, since, episode, episode, since, since)
                .update();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
