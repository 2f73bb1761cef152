package home.connected.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every image the chart runs comes from values. */
class ImagesTest {

    @Test
    void servicesUseTheConfiguredRegistryRepositoryAndTag() {
        RenderedChart chart = RenderedChart.render(
                null,
                Map.of(
                        "services.sensor-agent.enabled", "true",
                        "image.registry", "registry.test:5000",
                        "image.repository", "acme/home",
                        "image.tag", "9.8.7",
                        "image.pullPolicy", "Always"));

        for (Map<String, Object> deployment : chart.serviceWorkloads()) {
            Map<String, Object> container = RenderedChart.mainContainer(deployment);
            assertThat(container.get("image"))
                    .isEqualTo("registry.test:5000/acme/home/" + RenderedChart.component(deployment) + ":9.8.7");
            assertThat(container.get("imagePullPolicy")).isEqualTo("Always");
        }
    }

    @Test
    void theTagDefaultsToTheChartsAppVersion() {
        String appVersion =
                Yaml.string(Yaml.load(Repository.read(Repository.CHART.resolve("Chart.yaml"))), "appVersion");

        for (Map<String, Object> deployment : RenderedChart.withDefaults().serviceWorkloads()) {
            assertThat(RenderedChart.mainContainer(deployment).get("image"))
                    .isEqualTo("connected-home/" + RenderedChart.component(deployment) + ":" + appVersion);
        }
    }

    @Test
    void datastoresUseTheirConfiguredImages() {
        RenderedChart chart = RenderedChart.render(
                null,
                Map.of(
                        "mariadb.image.repository", "mirror.test/mariadb",
                        "mariadb.image.tag", "10.11.99",
                        "mosquitto.image.repository", "mirror.test/mosquitto",
                        "mosquitto.image.tag", "2.0.99",
                        "influxdb.image.repository", "mirror.test/influxdb",
                        "influxdb.image.tag", "2.7.99"));
        Map<String, String> expected = Map.of(
                "mariadb", "mirror.test/mariadb:10.11.99",
                "mosquitto", "mirror.test/mosquitto:2.0.99",
                "influxdb", "mirror.test/influxdb:2.7.99");

        for (Map<String, Object> statefulSet : chart.datastoreWorkloads()) {
            String component = RenderedChart.component(statefulSet);
            assertThat(SecretsTest.containers(statefulSet))
                    .as(component)
                    .allSatisfy(container -> assertThat(container.get("image")).isEqualTo(expected.get(component)));
        }
    }
}
