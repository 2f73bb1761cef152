package home.connected.auth;

import home.connected.testing.DevServices;
import home.connected.testing.GrpcServerPort;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running service against a scratch database on the dev MariaDB and the dev Mosquitto, called
 * over a real gRPC channel. All subclasses share one application context.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.grpc.server.port=0",
            "ch.auth.throttle.failures-per-address=100",
            // The test client connects from loopback; it must not be believed as a proxy.
            "ch.auth.client-address.trusted-proxies="
        })
@Import(GrpcServerPort.class)
abstract class AuthServiceIntegrationTest {

    static final String ADMIN = "root-admin";
    static final String ADMIN_PASSWORD = "bootstrap-" + UUID.randomUUID();

    @Autowired
    GrpcServerPort grpcPort;

    private ManagedChannel channel;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        ScratchDatabase database = ScratchDatabase.get();
        DevServices services = DevServices.get();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
        registry.add("ch.auth.mqtt.url", services::mqttUrl);
        registry.add("ch.auth.mqtt.admin-user", services::mqttAdminUser);
        registry.add("ch.auth.mqtt.admin-password", services::mqttAdminPassword);
        registry.add("ch.auth.bootstrap.username", () -> ADMIN);
        registry.add("ch.auth.bootstrap.password", () -> ADMIN_PASSWORD);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String encoded = Base64.getEncoder().encodeToString(key);
        registry.add("ch.auth.signing.key-encryption-key", () -> encoded);
    }

    ManagedChannel channel() {
        if (channel == null) {
            channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort.get())
                    .usePlaintext()
                    .build();
        }
        return channel;
    }

    static <S extends AbstractStub<S>> S withToken(S stub, String accessToken) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + accessToken);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void closeChannel() {
        if (channel != null) {
            channel.shutdownNow();
            channel = null;
        }
    }
}
