package home.connected.query;

import static org.assertj.core.api.Assertions.assertThat;

import home.connected.testing.ActuatorProbes;
import home.connected.testing.GrpcServerPort;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.grpc.server.port=0")
@Import(GrpcServerPort.class)
class QueryServiceApplicationTest {

    @LocalServerPort
    int port;

    @Autowired
    GrpcServerPort grpcPort;

    @Test
    void servesProbesAndMetrics() {
        ActuatorProbes.assertLiveReadyAndScraped(port, "query-service");
    }

    @Test
    void servesGrpcHealth() {
        assertThat(grpcPort.overallHealth()).isEqualTo(ServingStatus.SERVING);
    }
}
