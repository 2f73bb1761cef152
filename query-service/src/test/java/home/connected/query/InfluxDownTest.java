package home.connected.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.Timestamps;
import home.connected.contracts.query.v1.Aggregate;
import home.connected.contracts.query.v1.GetLatestRequest;
import home.connected.contracts.query.v1.GetSeriesRequest;
import home.connected.contracts.query.v1.ListSensorsRequest;
import home.connected.contracts.query.v1.SensorKey;
import home.connected.testing.ActuatorProbes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** InfluxDB not answering: calls fail with UNAVAILABLE and nothing of the cause, readiness goes down, liveness stays up. */
class InfluxDownTest extends QuerySpringTest {

    private static final SensorKey KEY = SensorKey.newBuilder()
            .setDeviceId("qt-any")
            .setSensor("s")
            .setQuantity("temperature")
            .build();

    @DynamicPropertySource
    static void influxNowhere(DynamicPropertyRegistry registry) {
        registry.add("ch.query.influx.url", () -> "http://127.0.0.1:" + closedPort());
        registry.add("ch.query.influx.timeout", () -> "2s");
    }

    @Test
    void answersUnavailableWithoutDetails() {
        assertUnavailable(() -> reader().listSensors(ListSensorsRequest.getDefaultInstance()));
        assertUnavailable(() ->
                reader().getLatest(GetLatestRequest.newBuilder().addSensors(KEY).build()));
        assertUnavailable(() -> reader().getSeries(GetSeriesRequest.newBuilder()
                .addSensors(KEY)
                .setAggregate(Aggregate.AGGREGATE_MAX)
                .setStart(Timestamps.parseUnchecked("2026-11-01T00:00:00Z"))
                .setEnd(Timestamps.parseUnchecked("2026-11-02T00:00:00Z"))
                .build()));
    }

    @Test
    void isLiveButNotReady() {
        assertThat(ActuatorProbes.get(httpPort, ActuatorProbes.LIVENESS).statusCode())
                .isEqualTo(200);
        assertThat(ActuatorProbes.get(httpPort, ActuatorProbes.READINESS)).satisfies(response -> {
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("\"influx\":{\"details\":{\"ping\":false},\"status\":\"DOWN\"}");
        });
    }

    private static void assertUnavailable(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(e.getStatus().getDescription())
                    .isEqualTo("the readings store is not reachable; try again shortly");
            assertThat(e.getTrailers().keys()).noneMatch(key -> key.contains("stack") || key.contains("debug"));
        });
    }

    /** A loopback port nothing listens on: bound once by the system, then released. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
