package home.connected.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each service's workload (Deployment, or StatefulSet) against what its own application.yml serves and needs. */
class ServiceDeploymentTest {

    /**
     * Settings the chart cannot give a correct value yet, each with the reason. The check still
     * names every other setting a service needs; remove an entry once the reason is gone.
     */
    private static final Map<String, String> KNOWN_GAPS = Map.of(
            "CH_AUTH_TRUSTED_PROXIES",
            "auth-service trusts exact IP addresses only, and the gateway's pod IPs change with every"
                    + " pod; until it accepts a CIDR, calls through the gateway are throttled per gateway"
                    + " pod rather than per client address");

    static Stream<Arguments> deployments() {
        RenderedChart everything = RenderedChart.render(null, Map.of("services.sensor-agent.enabled", "true"));
        RenderedChart production = RenderedChart.withProductionValues();
        List<Arguments> cases = new ArrayList<>();
        for (ServiceConfiguration service : Repository.deployableModules()) {
            cases.add(Arguments.of(service.module(), "defaults, agent on", everything, service));
            if (production.deployedModules().contains(service.module())) {
                cases.add(Arguments.of(service.module(), "production", production, service));
            }
        }
        return cases.stream();
    }

    @Test
    void everyServiceModuleIsDeployed() {
        RenderedChart everything = RenderedChart.render(null, Map.of("services.sensor-agent.enabled", "true"));

        assertThat(everything.deployedModules())
                .containsExactlyInAnyOrderElementsOf(Repository.deployableModules().stream()
                        .map(ServiceConfiguration::module)
                        .toList());
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("deployments")
    void portsAreTheOnesTheServiceListensOn(
            String module, String values, RenderedChart chart, ServiceConfiguration service) {
        Map<String, Object> container = RenderedChart.mainContainer(chart.workloadOf(module));

        Map<String, Integer> containerPorts = portsByName(Yaml.maps(container, "ports"), "containerPort");
        assertThat(containerPorts).containsEntry("http", service.managementPort());
        assertThat(containerPorts.get("grpc")).as("gRPC port").isEqualTo(service.grpcPort());
        assertThat(chart.servicePortNames(module))
                .as("Service ports of %s", module)
                .containsEntry(service.httpPort(), "http");
        if (service.grpcPort() != null) {
            assertThat(chart.servicePortNames(module)).containsEntry(service.grpcPort(), "grpc");
        }
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("deployments")
    void probesAskTheActuatorHealthGroups(
            String module, String values, RenderedChart chart, ServiceConfiguration service) {
        assertThat(service.probesEnabled())
                .as("%s enables management.endpoint.health.probes", module)
                .isTrue();
        assertThat(service.exposesHealth())
                .as("%s exposes the health endpoint", module)
                .isTrue();
        Map<String, Object> container = RenderedChart.mainContainer(chart.workloadOf(module));
        Map<String, Integer> ports = portsByName(Yaml.maps(container, "ports"), "containerPort");

        assertProbe(container, "startupProbe", service.livenessPath(), service.managementPort(), ports);
        assertProbe(container, "livenessProbe", service.livenessPath(), service.managementPort(), ports);
        assertProbe(container, "readinessProbe", service.readinessPath(), service.managementPort(), ports);
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("deployments")
    void everyVariableTheServiceNeedsIsSet(
            String module, String values, RenderedChart chart, ServiceConfiguration service) {
        Map<String, Object> environment = chart.environmentOf(RenderedChart.mainContainer(chart.workloadOf(module)));
        Set<String> set = environment.entrySet().stream()
                .filter(e -> e.getValue() != null && !e.getValue().toString().isBlank())
                .map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toSet());

        assertThat(service.unsetBy(set))
                .as("settings %s needs that the chart leaves unset (given: %s)", module, new java.util.TreeSet<>(set))
                .filteredOn(unset -> KNOWN_GAPS.keySet().stream().noneMatch(unset::contains))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("deployments")
    void everyReplicaHasItsOwnMqttClientId(
            String module, String values, RenderedChart chart, ServiceConfiguration service) {
        Map<String, Object> container = RenderedChart.mainContainer(chart.workloadOf(module));

        service.placeholders().stream()
                .filter(placeholder -> placeholder.name().endsWith("_CLIENT_ID"))
                .forEach(placeholder -> assertThat(Yaml.maps(container, "env"))
                        .as("%s is the pod's name: two clients with one id evict each other", placeholder.name())
                        .anySatisfy(entry -> {
                            assertThat(entry.get("name")).isEqualTo(placeholder.name());
                            assertThat(Yaml.string(entry, "valueFrom.fieldRef.fieldPath"))
                                    .isEqualTo("metadata.name");
                        }));
    }

    private static void assertProbe(
            Map<String, Object> container, String probe, String path, int port, Map<String, Integer> ports) {
        Map<String, Object> httpGet = Yaml.map(container, probe + ".httpGet");
        assertThat(httpGet).as("%s is an HTTP probe", probe).isNotEmpty();
        assertThat(httpGet.get("path")).as("%s path", probe).isEqualTo(path);
        Object probePort = httpGet.get("port");
        Integer number = probePort instanceof Integer n ? n : ports.get(probePort.toString());
        assertThat(number).as("%s port (%s)", probe, probePort).isEqualTo(port);
    }

    static Map<String, Integer> portsByName(List<Map<String, Object>> ports, String numberKey) {
        Map<String, Integer> byName = new java.util.HashMap<>();
        ports.forEach(p -> byName.put(
                (String) p.get("name"), Integer.valueOf(p.get(numberKey).toString())));
        return byName;
    }
}
