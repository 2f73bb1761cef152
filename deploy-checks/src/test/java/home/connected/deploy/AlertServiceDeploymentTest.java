package home.connected.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** alert-service in the chart: two replicas electing a leader, its own broker client and keys. */
class AlertServiceDeploymentTest {

    private static final String MODULE = "alert-service";
    private static final String SECRET = RenderedChart.RELEASE + "-secrets";

    @Test
    void runsTwoReplicasOfWhichADrainLeavesOne() {
        RenderedChart chart = RenderedChart.withDefaults();
        Map<String, Object> workload = chart.workloadOf(MODULE);

        assertThat(workload.get("kind")).isEqualTo("Deployment");
        assertThat(Yaml.string(workload, "spec.replicas")).isEqualTo("2");
        Map<String, Object> pdb = chart.named("PodDisruptionBudget", "home-alert-service");
        assertThat(Yaml.string(pdb, "spec.minAvailable")).isEqualTo("1");
        assertThat(Yaml.map(pdb, "spec")).doesNotContainKey("maxUnavailable");
        assertThat(Yaml.map(pdb, "spec.selector.matchLabels")).containsEntry(RenderedChart.COMPONENT_LABEL, MODULE);
    }

    @Test
    void mayAutoscaleNowThatOneLeaderEvaluates() {
        RenderedChart chart = RenderedChart.render(null, Map.of("services.alert-service.autoscaling.enabled", "true"));

        assertThat(chart.ofKind("HorizontalPodAutoscaler"))
                .extracting(hpa -> Yaml.string(hpa, "spec.scaleTargetRef.name"))
                .containsExactly("home-alert-service");
        assertThat(Yaml.string(chart.named("HorizontalPodAutoscaler", "home-alert-service"), "spec.minReplicas"))
                .isEqualTo("2");
    }

    @Test
    void eachReplicaHasItsOwnBrokerClientId() {
        Map<String, Object> container =
                RenderedChart.mainContainer(RenderedChart.withDefaults().workloadOf(MODULE));

        assertThat(Yaml.maps(container, "env"))
                .filteredOn(entry -> "CH_ALERT_MQTT_CLIENT_ID".equals(entry.get("name")))
                .singleElement()
                .satisfies(entry -> assertThat(Yaml.string(entry, "valueFrom.fieldRef.fieldPath"))
                        .isEqualTo("metadata.name"));
    }

    @Test
    void theSecretHoldsAGeneratedBrokerPasswordAndAnAes256Key() {
        Map<String, Object> data = Yaml.map(RenderedChart.withDefaults().named("Secret", SECRET), "data");

        assertThat(decoded(data.get("alert-mqtt-password"))).hasSize(32);
        byte[] key = Base64.getDecoder().decode(decoded(data.get("alert-secrets-key")));
        assertThat(key).as("AES-256: 32 bytes").hasSize(32);
    }

    @Test
    void givenSecretValuesAreKept() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        Map<String, Object> data = Yaml.map(
                RenderedChart.render(
                                null,
                                Map.of("secrets.alertSecretsKey", key, "secrets.alertMqttPassword", "broker-pass"))
                        .named("Secret", SECRET),
                "data");

        assertThat(decoded(data.get("alert-secrets-key"))).isEqualTo(key);
        assertThat(decoded(data.get("alert-mqtt-password"))).isEqualTo("broker-pass");
    }

    @Test
    void secretSettingsComeFromTheirKeys() {
        Map<String, Object> environment = environment(RenderedChart.withDefaults());

        assertThat(secretKey(environment, "CH_ALERT_SECRETS_KEY")).isEqualTo("alert-secrets-key");
        assertThat(secretKey(environment, "CH_ALERT_MQTT_PASSWORD")).isEqualTo("alert-mqtt-password");
        assertThat(secretKey(environment, "CH_MQTT_ADMIN_PASSWORD")).isEqualTo("mqtt-admin-password");
        assertThat(secretKey(environment, "CH_MARIADB_PASSWORD")).isEqualTo("mariadb-password");
        assertThat(secretKey(environment, "CH_INFLUX_TOKEN")).isEqualTo("influxdb-token");
    }

    @Test
    void connectsToTheDatastoresTheBrokerAndAuthServicesJwks() {
        Map<String, Object> environment = environment(RenderedChart.withDefaults());
        Map<String, Object> values = Yaml.load(Repository.read(Repository.CHART.resolve("values.yaml")));

        assertThat(environment)
                .containsEntry(
                        "CH_MARIADB_URL",
                        "jdbc:mariadb://home-mariadb:" + Yaml.string(values, "mariadb.port") + "/connected_home")
                .containsEntry("CH_MQTT_URL", "tcp://home-mosquitto:" + Yaml.string(values, "mosquitto.port"))
                .containsEntry("CH_MQTT_ADMIN_USER", Yaml.string(values, "mosquitto.adminUsername"))
                .containsEntry("CH_INFLUX_URL", "http://home-influxdb:" + Yaml.string(values, "influxdb.port"))
                .containsEntry("CH_INFLUX_ORG", Yaml.string(values, "influxdb.org"))
                .containsEntry("CH_INFLUX_BUCKET", Yaml.string(values, "influxdb.bucket"))
                .containsEntry(
                        "CH_AUTH_JWKS_URL",
                        "http://home-auth-service:" + Repository.ports().get("CH_AUTH_HTTP_PORT")
                                + "/.well-known/jwks.json");
    }

    @Test
    void createsItsOwnBrokerClientWithTheAdmin() {
        Map<String, Object> environment = environment(RenderedChart.withDefaults());

        assertThat(environment)
                .containsEntry("CH_ALERT_MQTT_USER", "alert-service")
                .containsEntry("CH_ALERT_MQTT_PROVISION", "true")
                .containsKeys("CH_MQTT_ADMIN_USER", "CH_MQTT_ADMIN_PASSWORD");
    }

    @Test
    void actionTopicsAreTheServicesOwnDefault() {
        String defaultTopics = ServiceConfiguration.of(MODULE).placeholders().stream()
                .filter(placeholder -> placeholder.name().equals("CH_ALERT_ACTION_TOPICS"))
                .findFirst()
                .orElseThrow()
                .defaultValue();

        assertThat(environment(RenderedChart.withDefaults())).containsEntry("CH_ALERT_ACTION_TOPICS", defaultTopics);
    }

    @Test
    void dashboardLinksPointAtThePortForwardedGatewayWithoutAnIngress() {
        assertThat(environment(RenderedChart.withDefaults()))
                .containsEntry(
                        "CH_ALERT_DASHBOARD_URL",
                        "http://127.0.0.1:" + Repository.ports().get("CH_GATEWAY_HTTP_PORT"));
    }

    @Test
    void dashboardLinksPointAtTheIngress() {
        assertThat(environment(RenderedChart.withProductionValues()))
                .containsEntry("CH_ALERT_DASHBOARD_URL", "https://home.example.org");
        assertThat(environment(
                        RenderedChart.render(null, Map.of("ingress.enabled", "true", "ingress.host", "home.lan"))))
                .containsEntry("CH_ALERT_DASHBOARD_URL", "http://home.lan");
    }

    @Test
    void aConfiguredPublicUrlWins() {
        RenderedChart chart = RenderedChart.render(
                null, Map.of("ingress.enabled", "true", "publicUrl", "https://alerts.example.org/home/"));

        assertThat(environment(chart)).containsEntry("CH_ALERT_DASHBOARD_URL", "https://alerts.example.org/home");
    }

    @Test
    void smtpIsConfiguredThroughEnvAndThePasswordThroughTheSecret() {
        RenderedChart chart = RenderedChart.render(
                null,
                Map.of(
                        "services.alert-service.env.CH_ALERT_SMTP_HOST", "smtp.example.org",
                        "services.alert-service.env.CH_ALERT_SMTP_PORT", "465",
                        "services.alert-service.env.CH_ALERT_SMTP_USER", "alerts@example.org",
                        "services.alert-service.env.CH_ALERT_EMAIL_FROM", "alerts@example.org",
                        "secrets.extra.smtp-password", "smtp-secret-value",
                        "services.alert-service.secretEnv.CH_ALERT_SMTP_PASSWORD", "smtp-password"));
        Map<String, Object> environment = environment(chart);

        assertThat(environment)
                .containsEntry("CH_ALERT_SMTP_HOST", "smtp.example.org")
                .containsEntry("CH_ALERT_SMTP_PORT", "465")
                .containsEntry("CH_ALERT_SMTP_USER", "alerts@example.org")
                .containsEntry("CH_ALERT_EMAIL_FROM", "alerts@example.org");
        assertThat(secretKey(environment, "CH_ALERT_SMTP_PASSWORD")).isEqualTo("smtp-password");
        assertThat(decoded(Yaml.map(chart.named("Secret", SECRET), "data").get("smtp-password")))
                .isEqualTo("smtp-secret-value");
        assertThat(secretKey(environment, "CH_ALERT_SECRETS_KEY"))
                .as("a secretEnv entry added in values keeps the chart's own")
                .isEqualTo("alert-secrets-key");
    }

    @Test
    void notificationEgressFollowsItsValues() {
        RenderedChart chart = RenderedChart.render(
                null,
                Map.of(
                        "services.alert-service.externalEgress.cidrs[0]", "192.168.1.0/24",
                        "services.alert-service.externalEgress.ports[0]", "8080"));
        Map<String, Object> policy = chart.named("NetworkPolicy", "home-alert-service");

        assertThat(Yaml.maps(policy, "spec.egress"))
                .flatExtracting(rule -> Yaml.maps(rule, "to"))
                .extracting(peer -> Yaml.string(peer, "ipBlock.cidr"))
                .contains("192.168.1.0/24")
                .doesNotContain("0.0.0.0/0");
    }

    private static Map<String, Object> environment(RenderedChart chart) {
        return chart.environmentOf(RenderedChart.mainContainer(chart.workloadOf(MODULE)));
    }

    private static String secretKey(Map<String, Object> environment, String variable) {
        assertThat(environment).containsKey(variable);
        assertThat(Yaml.string(environment.get(variable), "secretKeyRef.name"))
                .as("%s comes from the Secret", variable)
                .isEqualTo(SECRET);
        return Yaml.string(environment.get(variable), "secretKeyRef.key");
    }

    private static String decoded(Object base64) {
        assertThat(base64).as("key in the Secret").isNotNull();
        return new String(Base64.getDecoder().decode(base64.toString()), StandardCharsets.UTF_8);
    }
}
