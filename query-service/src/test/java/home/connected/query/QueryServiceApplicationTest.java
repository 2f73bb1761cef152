package home.connected.query;

import static org.assertj.core.api.Assertions.assertThat;

import home.connected.contracts.query.v1.ListSensorsRequest;
import home.connected.contracts.query.v1.ReadingFilter;
import home.connected.testing.ActuatorProbes;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import org.junit.jupiter.api.Test;

class QueryServiceApplicationTest extends QuerySpringTest {

    @Test
    void servesProbesAndMetrics() {
        ActuatorProbes.assertLiveReadyAndScraped(httpPort, "query-service");
        assertThat(ActuatorProbes.get(httpPort, ActuatorProbes.READINESS).body())
                .contains("\"influx\":{\"details\":{\"ping\":true},\"status\":\"UP\"}");
    }

    @Test
    void servesGrpcHealth() {
        assertThat(grpcPort.overallHealth()).isEqualTo(ServingStatus.SERVING);
    }

    @Test
    void timesEveryRpc() {
        reader().listSensors(ListSensorsRequest.newBuilder()
                .setFilter(ReadingFilter.newBuilder().setDeviceId("qt-nobody"))
                .build());

        assertThat(ActuatorProbes.get(httpPort, ActuatorProbes.PROMETHEUS).body())
                .contains("ListSensors");
    }
}
