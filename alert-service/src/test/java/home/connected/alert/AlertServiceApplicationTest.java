package home.connected.alert;

import static org.assertj.core.api.Assertions.assertThat;

import home.connected.alert.api.AlertServiceTest;
import home.connected.testing.ActuatorProbes;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import org.junit.jupiter.api.Test;

class AlertServiceApplicationTest extends AlertServiceTest {

    @Test
    void servesProbesAndMetrics() {
        ActuatorProbes.assertLiveReadyAndScraped(httpPort, "alert-service");
    }

    @Test
    void servesGrpcHealth() {
        assertThat(grpcPort.overallHealth()).isEqualTo(ServingStatus.SERVING);
    }

    @Test
    void migratesItsOwnTablesWithItsOwnHistory() {
        assertThat(jdbc.sql("SELECT COUNT(*) FROM alert_schema_history WHERE success = 1")
                        .query(Long.class)
                        .single())
                .isPositive();
    }
}
