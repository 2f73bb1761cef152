package home.connected.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The NetworkPolicies admit exactly the flows of the architecture, read both ways. */
class NetworkPolicyTest {

    /** Who talks to whom (docs: ARCHITECTURE, "Services and the way data flows"). */
    private static final List<String> ARCHITECTURE = List.of(
            "outside -> gateway-service:http",
            "outside -> gateway-service:grpc",
            "gateway-service -> auth-service:grpc",
            "gateway-service -> auth-service:http", // JWKS
            "gateway-service -> query-service:grpc",
            "gateway-service -> alert-service:grpc",
            "query-service -> auth-service:http", // JWKS: backends verify the token again
            "alert-service -> auth-service:http",
            "auth-service -> mariadb:mysql",
            "auth-service -> mosquitto:mqtt", // device provisioning (dynamic security)
            "alert-service -> mariadb:mysql",
            "alert-service -> mosquitto:mqtt",
            "alert-service -> influxdb:http", // catch-up after a gap in the live stream
            "query-service -> influxdb:http",
            "query-service -> mosquitto:mqtt", // live readings
            "ingest-service -> mosquitto:mqtt",
            "ingest-service -> influxdb:http",
            // notifications: SMTP, webhooks and chat services, Alertmanager
            "alert-service -> cidr:0.0.0.0/0:25",
            "alert-service -> cidr:0.0.0.0/0:465",
            "alert-service -> cidr:0.0.0.0/0:587",
            "alert-service -> cidr:0.0.0.0/0:80",
            "alert-service -> cidr:0.0.0.0/0:443",
            "alert-service -> cidr:0.0.0.0/0:9093");

    private static final List<String> SERVICES =
            List.of("gateway-service", "auth-service", "query-service", "alert-service", "ingest-service");

    private static final String DNS = "namespace:kube-system:53";

    @Test
    void defaultsAdmitExactlyTheArchitecture() {
        assertFlows(RenderedChart.withDefaults(), ARCHITECTURE);
    }

    @Test
    void backupsOnlyReachTheDatastoresTheyBackUp() {
        List<String> expected = new ArrayList<>(ARCHITECTURE);
        expected.add("backup -> mariadb:mysql");
        expected.add("backup -> influxdb:http");

        assertFlows(RenderedChart.render(null, Map.of("backup.enabled", "true")), expected);
    }

    @Test
    void simulatedSensorsPublishToTheBrokerOnly() {
        List<String> expected = new ArrayList<>(ARCHITECTURE);
        expected.add("sensor-agent -> mosquitto:mqtt");

        assertFlows(RenderedChart.render(null, Map.of("services.sensor-agent.enabled", "true")), expected);
    }

    @Test
    void productionAddsDevicesOnTheLanAndPrometheus() {
        List<String> expected = new ArrayList<>(ARCHITECTURE);
        expected.add("cidr:192.168.1.0/24 -> mosquitto:mqtt");
        SERVICES.forEach(service -> expected.add("namespace:monitoring -> " + service + ":http"));

        assertFlows(RenderedChart.withProductionValues(), expected);
    }

    @Test
    void anExternalDatabaseIsReachedThroughTheConfiguredCidrs() {
        RenderedChart chart = RenderedChart.render(
                null,
                Map.of(
                        "mariadb.enabled", "false",
                        "externalDatabase.url", "jdbc:mariadb://db.lan:3306/connected_home",
                        "networkPolicy.externalCidrs[0]", "10.1.2.3/32"));

        assertThat(egressFlows(chart))
                .contains("auth-service -> cidr:10.1.2.3/32:3306", "alert-service -> cidr:10.1.2.3/32:3306")
                .noneMatch(flow -> flow.contains("mariadb"));
    }

    private static void assertFlows(RenderedChart chart, List<String> expected) {
        Set<String> components = new TreeSet<>();
        chart.workloads().forEach(w -> components.add(RenderedChart.component(w)));
        Set<String> protectedComponents = new TreeSet<>();
        chart.ofKind("NetworkPolicy").forEach(p -> protectedComponents.add(target(p)));
        for (Map<String, Object> policy : chart.ofKind("NetworkPolicy")) {
            assertThat(Yaml.strings(policy, "spec.policyTypes")).containsExactlyInAnyOrder("Ingress", "Egress");
        }
        assertThat(protectedComponents)
                .as("every pod is behind a NetworkPolicy")
                .isEqualTo(components);

        List<String> expectedIn = expected.stream()
                .filter(flow -> components.contains(target(flow)))
                .toList();
        assertThat(ingressFlows(chart)).as("admitted in").containsExactlyInAnyOrderElementsOf(expectedIn);

        Set<String> expectedOut = new TreeSet<>();
        expected.stream().filter(flow -> components.contains(source(flow))).forEach(expectedOut::add);
        components.forEach(component -> expectedOut.add(component + " -> " + DNS));
        assertThat(egressFlows(chart)).as("let out").containsExactlyInAnyOrderElementsOf(expectedOut);
    }

    private static Set<String> ingressFlows(RenderedChart chart) {
        Set<String> flows = new TreeSet<>();
        for (Map<String, Object> policy : chart.ofKind("NetworkPolicy")) {
            String target = target(policy);
            Map<Integer, String> portNames = chart.servicePortNames(target);
            for (Map<String, Object> rule : Yaml.maps(policy, "spec.ingress")) {
                List<String> sources = rule.containsKey("from") ? peers(Yaml.maps(rule, "from")) : List.of("outside");
                for (Map<String, Object> port : Yaml.maps(rule, "ports")) {
                    String name = portNames.getOrDefault(number(port), "port " + number(port));
                    sources.forEach(source -> flows.add(source + " -> " + target + ":" + name));
                }
            }
        }
        return flows;
    }

    private static Set<String> egressFlows(RenderedChart chart) {
        Set<String> flows = new TreeSet<>();
        for (Map<String, Object> policy : chart.ofKind("NetworkPolicy")) {
            String source = target(policy);
            for (Map<String, Object> rule : Yaml.maps(policy, "spec.egress")) {
                List<String> destinations = rule.containsKey("to") ? peers(Yaml.maps(rule, "to")) : List.of("anywhere");
                for (Map<String, Object> port : Yaml.maps(rule, "ports")) {
                    for (String destination : destinations) {
                        String name = chart.servicePortNames(destination).getOrDefault(number(port), "" + number(port));
                        flows.add(source + " -> " + destination + ":" + name);
                    }
                }
            }
        }
        return flows;
    }

    private static List<String> peers(List<Map<String, Object>> peers) {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> peer : peers) {
            if (peer.containsKey("podSelector") && !peer.containsKey("namespaceSelector")) {
                names.add(Yaml.string(peer, "podSelector.matchLabels." + RenderedChart.COMPONENT_LABEL));
            } else if (peer.containsKey("namespaceSelector")) {
                names.add(
                        "namespace:" + Yaml.string(peer, "namespaceSelector.matchLabels.kubernetes.io/metadata.name"));
            } else {
                names.add("cidr:" + Yaml.string(peer, "ipBlock.cidr"));
            }
        }
        return names;
    }

    private static String target(Map<String, Object> policy) {
        return Yaml.string(policy, "spec.podSelector.matchLabels." + RenderedChart.COMPONENT_LABEL);
    }

    private static String target(String flow) {
        String to = flow.substring(flow.indexOf(" -> ") + 4);
        return to.substring(0, to.lastIndexOf(':'));
    }

    private static String source(String flow) {
        return flow.substring(0, flow.indexOf(" -> "));
    }

    private static int number(Map<String, Object> port) {
        return Integer.parseInt(port.get("port").toString());
    }
}
