package home.connected.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** docker/compose.yaml against each service's application.yml (and so ports.env). */
class ComposeTest {

    private static final Map<String, Object> COMPOSE = Yaml.load(Repository.read(Repository.COMPOSE));
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::?[-?+][^}]*)?}");

    static Stream<ServiceConfiguration> services() {
        return Repository.deployableModules().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void buildsTheModuleWithTheSharedDockerfile(ServiceConfiguration service) {
        Map<String, Object> composed = composed(service.module());

        assertThat(Yaml.string(composed, "build.dockerfile")).isEqualTo("docker/Dockerfile");
        assertThat(Yaml.string(composed, "build.context")).isEqualTo("..");
        assertThat(Yaml.string(composed, "build.args.MODULE")).isEqualTo(service.module());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void healthCheckAsksTheReadinessGroupOnTheServicesPort(ServiceConfiguration service) {
        assertThat(Yaml.strings(composed(service.module()), "healthcheck.test"))
                .containsExactly("CMD", "healthcheck", service.managementPort().toString(), service.readinessPath());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void everyVariableTheServiceNeedsIsSet(ServiceConfiguration service) {
        Set<String> set = Yaml.map(composed(service.module()), "environment").entrySet().stream()
                .filter(e -> e.getValue() != null && !e.getValue().toString().isBlank())
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(service.unsetBy(set))
                .as("settings %s needs that compose leaves unset (given: %s)", service.module(), set)
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void runsUnprivilegedOnAReadOnlyRoot(ServiceConfiguration service) {
        Map<String, Object> composed = composed(service.module());

        assertThat(composed.get("read_only")).isEqualTo(true);
        assertThat(Yaml.strings(composed, "cap_drop")).contains("ALL");
        assertThat(Yaml.strings(composed, "security_opt")).contains("no-new-privileges:true");
        assertThat(Yaml.strings(composed, "tmpfs")).contains("/tmp");
    }

    @Test
    void onlyTheGatewayAndTheBrokerArePublished() {
        ServiceConfiguration gateway = ServiceConfiguration.of("gateway-service");
        Map<String, List<String>> published = ((Map<?, ?>) COMPOSE.get("services"))
                .keySet().stream()
                        .map(Object::toString)
                        .filter(name -> !Yaml.strings(composed(name), "ports").isEmpty())
                        .collect(Collectors.toMap(name -> name, name -> Yaml.strings(composed(name), "ports")));

        assertThat(published).containsOnlyKeys("gateway-service", "mosquitto");
        assertThat(published.get("gateway-service"))
                .containsExactlyInAnyOrder(
                        gateway.httpPort() + ":" + gateway.httpPort(), gateway.grpcPort() + ":" + gateway.grpcPort());
    }

    @Test
    void secretsComeFromTheEnvFileNeverFromTheComposeFile() {
        for (Object name : ((Map<?, ?>) COMPOSE.get("services")).keySet()) {
            Yaml.map(composed(name.toString()), "environment").forEach((variable, value) -> {
                if (SecretsTest.SECRET_NAME.matcher(variable).matches()) {
                    // ${NAME:?...} (required) or ${NAME?...} (listed, may be empty)
                    assertThat(value.toString()).as(name + " " + variable).matches("\\$\\{[A-Z0-9_]+:?\\?.*}");
                }
            });
        }
    }

    @Test
    void theEnvExampleListsEveryVariableComposeReads() {
        Set<String> read = new TreeSet<>();
        Matcher m = INTERPOLATION.matcher(Repository.read(Repository.COMPOSE));
        while (m.find()) {
            read.add(m.group(1));
        }
        Set<String> listed = Repository.lines(Repository.ROOT.resolve("docker/.env.example")).stream()
                .filter(line -> line.matches("[A-Z0-9_]+=.*"))
                .map(line -> line.substring(0, line.indexOf('=')))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(listed).isEqualTo(read);
        assertThat(Repository.lines(Repository.ROOT.resolve("docker/.env.example")))
                .as("no secret value in the example")
                .filteredOn(line -> line.matches("[A-Z0-9_]+=.*")
                        && SecretsTest.SECRET_NAME
                                .matcher(line.substring(0, line.indexOf('=')))
                                .matches())
                .allMatch(line -> line.endsWith("="));
    }

    @Test
    void authServiceBelievesForwardedAddressesFromTheGatewayOnly() {
        Object gatewayAddress = Yaml.at(composed("gateway-service"), "networks.default.ipv4_address");

        assertThat(gatewayAddress).isNotNull();
        assertThat(Yaml.at(composed("auth-service"), "environment.CH_AUTH_TRUSTED_PROXIES"))
                .isEqualTo(gatewayAddress);
        assertThat(Yaml.strings(COMPOSE, "networks.default.ipam.config").toString())
                .contains(gatewayAddress
                        .toString()
                        .substring(0, gatewayAddress.toString().lastIndexOf('.')));
    }

    @Test
    void theBrokerRunsTheChartsConfiguration() {
        assertThat(Yaml.strings(composed("mosquitto"), "volumes"))
                .contains("../helm/connected-home/files/mosquitto.conf:/mosquitto/config/mosquitto.conf:ro");
        assertThat(Yaml.strings(composed("mosquitto-init"), "volumes"))
                .contains("../helm/connected-home/files/mosquitto-init.sh:/mosquitto/config/init.sh:ro");
    }

    @Test
    void alertServiceGetsEveryVariableTheChartGivesIt() {
        RenderedChart chart = RenderedChart.withDefaults();
        Set<String> fromChart =
                new TreeSet<>(chart.environmentOf(RenderedChart.mainContainer(chart.workloadOf("alert-service")))
                        .keySet());

        assertThat(Yaml.map(composed("alert-service"), "environment").keySet()).containsAll(fromChart);
    }

    @Test
    void alertServiceKeysAndBrokerPasswordMustBeInTheEnvFile() {
        Map<String, Object> environment = Yaml.map(composed("alert-service"), "environment");

        assertThat(environment.get("CH_ALERT_SECRETS_KEY").toString()).startsWith("${CH_ALERT_SECRETS_KEY:?");
        assertThat(environment.get("CH_ALERT_MQTT_PASSWORD").toString()).startsWith("${CH_ALERT_MQTT_PASSWORD:?");
        assertThat(environment)
                .containsEntry("CH_ALERT_MQTT_PROVISION", "true")
                .containsKeys("CH_MQTT_ADMIN_USER", "CH_MQTT_ADMIN_PASSWORD", "CH_INFLUX_TOKEN");
    }

    @Test
    void alertServiceStartsOnceWhatItConnectsToIsHealthy() {
        Map<String, Object> dependsOn = Yaml.map(composed("alert-service"), "depends_on");

        assertThat(dependsOn).containsOnlyKeys("mariadb", "mosquitto", "influxdb", "auth-service");
        dependsOn
                .values()
                .forEach(condition ->
                        assertThat(Yaml.string(condition, "condition")).isEqualTo("service_healthy"));
    }

    @Test
    void alertServiceLinksToTheGatewayAsPublishedOnThisHost() {
        String gatewayPort =
                ServiceConfiguration.of("gateway-service").httpPort().toString();

        assertThat(Yaml.string(composed("alert-service"), "environment.CH_ALERT_DASHBOARD_URL"))
                .isEqualTo("${CH_ALERT_DASHBOARD_URL:-http://127.0.0.1:" + gatewayPort + "}");
        assertThat(Yaml.strings(composed("gateway-service"), "ports")).contains(gatewayPort + ":" + gatewayPort);
    }

    @Test
    void addressesOfServicesUseThePortsTheyListenOn() {
        Map<String, ServiceConfiguration> modules = Repository.deployableModules().stream()
                .collect(Collectors.toMap(ServiceConfiguration::module, service -> service));
        Pattern address = Pattern.compile("(?<![A-Za-z0-9.-])([a-z][a-z0-9-]*):([0-9]{2,5})\\b");
        int checked = 0;
        for (Object name : ((Map<?, ?>) COMPOSE.get("services")).keySet()) {
            for (Map.Entry<String, Object> entry :
                    Yaml.map(composed(name.toString()), "environment").entrySet()) {
                Matcher m = address.matcher(String.valueOf(entry.getValue()));
                while (m.find()) {
                    ServiceConfiguration target = modules.get(m.group(1));
                    if (target == null) {
                        continue;
                    }
                    checked++;
                    assertThat(Stream.of(target.httpPort(), target.grpcPort())
                                    .filter(java.util.Objects::nonNull)
                                    .map(Object::toString))
                            .as("%s %s: a port of %s", name, entry.getKey(), target.module())
                            .contains(m.group(2));
                }
            }
        }
        assertThat(checked).as("addresses of services found").isPositive();
    }

    private static Map<String, Object> composed(String service) {
        Map<String, Object> composed = Yaml.map(COMPOSE, "services." + service);
        assertThat(composed).as("compose service %s", service).isNotEmpty();
        return composed;
    }
}
