package home.connected.query;

import home.connected.contracts.query.v1.QueryServiceGrpc;
import home.connected.testing.DevServices;
import home.connected.testing.GrpcServerPort;
import home.connected.testing.TestTokenIssuer;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The one Spring context of this module's tests: query-service against the dev services (InfluxDB,
 * Mosquitto), verifying tokens against {@link #TOKENS}' JWKS, called through a real gRPC channel.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.grpc.server.port=0")
@Import(GrpcServerPort.class)
// The tests write straight into InfluxDB, past ingest and its stored announcements, which are what end
// reused last values; live.RecentLastValuesSpringTest turns the reuse on and announces its writes. They
// write into the past of the shared dev database, so the roll-ups (rollup.RollUpsTest) are off here.
@TestPropertySource(properties = {"ch.query.limits.catalogue-cache=0s", "ch.query.roll-ups.enabled=false"})
public abstract class QuerySpringTest {

    /** Tokens for user {@code tester}; its JWKS server lives as long as the test JVM, as the cached context does. */
    protected static final TestTokenIssuer TOKENS = new TestTokenIssuer("query-test-key", "tester", "Tester");

    @LocalServerPort
    protected int httpPort;

    @Autowired
    protected GrpcServerPort grpcPort;

    private ManagedChannel channel;

    @DynamicPropertySource
    static void devServices(DynamicPropertyRegistry registry) {
        devServices(registry, DevServices.get().influxBucket());
        registry.add("CH_AUTH_JWKS_URL", TOKENS::jwksUrl);
    }

    /** The dev broker and InfluxDB, with the readings in {@code bucket}. */
    public static void devServices(DynamicPropertyRegistry registry, String bucket) {
        DevServices services = DevServices.get();
        services.requireListening("Mosquitto", services.mqttUrl());
        services.requireListening("InfluxDB front", services.influxUrl());
        registry.add("CH_MQTT_URL", services::mqttUrl);
        registry.add("CH_MQTT_ADMIN_USER", services::mqttAdminUser);
        registry.add("CH_MQTT_ADMIN_PASSWORD", services::mqttAdminPassword);
        registry.add("CH_INFLUX_URL", services::influxUrl);
        registry.add("CH_INFLUX_TOKEN", services::influxToken);
        registry.add("CH_INFLUX_ORG", services::influxOrg);
        registry.add("CH_INFLUX_BUCKET", () -> bucket);
    }

    /** A stub calling as a user with {@code readings:read}. */
    protected QueryServiceGrpc.QueryServiceBlockingStub reader() {
        return stub(TOKENS.token("readings:read"));
    }

    protected QueryServiceGrpc.QueryServiceBlockingStub stub(String token) {
        return QueryServiceGrpc.newBlockingStub(channel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(token)))
                .withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    protected QueryServiceGrpc.QueryServiceStub asyncReader() {
        return QueryServiceGrpc.newStub(channel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(TOKENS.token("readings:read"))));
    }

    protected synchronized ManagedChannel channel() {
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

    private static Metadata bearer(String token) {
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        }
        return headers;
    }
}
