package home.connected.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** values.yaml holds each service's ports; they must be those of ports.env. */
class PortsTest {

    private static final Map<String, Object> VALUES =
            Yaml.load(Repository.read(Repository.CHART.resolve("values.yaml")));

    static Stream<ServiceConfiguration> services() {
        return Repository.deployableModules().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void chartPortsAreThoseOfPortsEnv(ServiceConfiguration service) {
        Map<String, Object> ports = Yaml.map(VALUES, "services." + service.module() + ".ports");
        String httpName = service.httpPortName();

        assertThat(httpName)
                .as("%s takes server.port from ports.env", service.module())
                .isNotNull();
        assertThat(ports.get("http"))
                .as("services.%s.ports.http vs %s in ports.env", service.module(), httpName)
                .isEqualTo(Repository.ports().get(httpName));
        assertThat(ports.get("grpc"))
                .as("services.%s.ports.grpc vs the gRPC port of its application.yml", service.module())
                .isEqualTo(service.grpcPort());
    }
}
