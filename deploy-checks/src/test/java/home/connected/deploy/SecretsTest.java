package home.connected.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SecretsTest {

    /** Names that say "secret": passwords, tokens, keys. */
    static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|TOKEN|SECRET|(^|[_-])KEY([_-]|$)).*");

    static Stream<RenderedChart> charts() {
        return Stream.of(
                RenderedChart.render(
                        null,
                        Map.of(
                                "services.sensor-agent.enabled", "true",
                                // a service's own secret, as the alert channels will need
                                "secrets.extra.smtp-password", "smtp-secret-value",
                                "services.alert-service.secretEnv.CH_ALERT_SMTP_PASSWORD", "smtp-password")),
                RenderedChart.withProductionValues(),
                RenderedChart.render(null, Map.of("backup.enabled", "true")));
    }

    @ParameterizedTest
    @MethodSource("charts")
    void noConfigMapHoldsASecret(RenderedChart chart) {
        Set<String> secretValues = secretValues(chart);
        for (Map<String, Object> configMap : chart.ofKind("ConfigMap")) {
            Map<String, Object> data = Yaml.map(configMap, "data");
            assertThat(data.keySet())
                    .as("keys of ConfigMap %s", Yaml.string(configMap, "metadata.name"))
                    .noneMatch(key -> SECRET_NAME.matcher(key).matches());
            assertThat(data.values())
                    .as("values of ConfigMap %s", Yaml.string(configMap, "metadata.name"))
                    .noneMatch(value -> secretValues.stream()
                            .anyMatch(secret -> value.toString().contains(secret)));
        }
    }

    @ParameterizedTest
    @MethodSource("charts")
    void secretSettingsComeFromTheSecret(RenderedChart chart) {
        String secretName = secretName(chart);
        Set<String> keys = secretKeys(chart);
        for (Map<String, Object> workload : chart.workloads()) {
            for (Map<String, Object> container : containers(workload)) {
                for (Map<String, Object> entry : Yaml.maps(container, "env")) {
                    String name = (String) entry.get("name");
                    if (!SECRET_NAME.matcher(name).matches()) {
                        continue;
                    }
                    String where = RenderedChart.component(workload) + "/" + container.get("name") + " " + name;
                    assertThat(entry).as(where + " has no literal value").doesNotContainKey("value");
                    assertThat(Yaml.string(entry, "valueFrom.secretKeyRef.name"))
                            .as(where)
                            .isEqualTo(secretName);
                    if (keys != null) {
                        assertThat(keys)
                                .as(where + " refers to a key of the Secret")
                                .contains(Yaml.string(entry, "valueFrom.secretKeyRef.key"));
                    }
                }
            }
        }
    }

    static List<Map<String, Object>> containers(Map<String, Object> workload) {
        return Stream.concat(
                        Yaml.maps(workload, "spec.template.spec.initContainers").stream(),
                        Yaml.maps(workload, "spec.template.spec.containers").stream())
                .toList();
    }

    /** The Secret every reference names: rendered by the chart or, in production, an existing one. */
    private static String secretName(RenderedChart chart) {
        List<Map<String, Object>> secrets = chart.ofKind("Secret");
        return secrets.isEmpty() ? "connected-home-secrets" : Yaml.string(secrets.get(0), "metadata.name");
    }

    private static Set<String> secretKeys(RenderedChart chart) {
        List<Map<String, Object>> secrets = chart.ofKind("Secret");
        return secrets.isEmpty() ? null : Yaml.map(secrets.get(0), "data").keySet();
    }

    private static Set<String> secretValues(RenderedChart chart) {
        return chart.ofKind("Secret").stream()
                .flatMap(secret -> Yaml.map(secret, "data").values().stream())
                .map(value -> new String(Base64.getDecoder().decode(value.toString()), StandardCharsets.UTF_8))
                .collect(Collectors.toSet());
    }
}
