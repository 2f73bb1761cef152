package home.connected.auth;

import static org.assertj.core.api.Assertions.assertThat;

import home.connected.testing.ActuatorProbes;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

class AuthServiceApplicationTest extends AuthServiceIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void servesProbesAndMetrics() {
        ActuatorProbes.assertLiveReadyAndScraped(port, "auth-service");
    }

    @Test
    void servesGrpcHealth() {
        assertThat(grpcPort.overallHealth()).isEqualTo(ServingStatus.SERVING);
    }
}
