package home.connected.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scheduled backup: off by default; on, one CronJob running each step in the image that has its tool. */
class BackupCronJobTest {

    private static final String CRON_JOB = "home-backup";

    @Test
    void offByDefault() {
        RenderedChart chart = RenderedChart.withDefaults();

        assertThat(chart.ofKind("CronJob")).isEmpty();
        assertThat(chart.ofKind("PersistentVolumeClaim")).isEmpty();
    }

    @Test
    void dumpsMariadbThenBacksUpInfluxdbThenFinishesOnTheChartsVolume() {
        RenderedChart chart = RenderedChart.render(
                null, Map.of("backup.enabled", "true", "backup.keep", "14", "backup.schedule", "15 2 * * *"));
        Map<String, Object> cronJob = chart.named("CronJob", CRON_JOB);
        Map<String, Object> pod = Yaml.map(cronJob, "spec.jobTemplate.spec.template.spec");

        assertThat(Yaml.string(cronJob, "spec.schedule")).isEqualTo("15 2 * * *");
        assertThat(Yaml.string(cronJob, "spec.concurrencyPolicy")).isEqualTo("Forbid");
        assertThat(Yaml.maps(pod, "initContainers"))
                .extracting(c -> c.get("name") + " " + c.get("image"))
                .containsExactly(
                        "mariadb-dump " + image(chart, "mariadb"), "influx-backup " + image(chart, "influxdb"));
        Map<String, Object> finish = Yaml.maps(pod, "containers").get(0);
        assertThat(finish.get("image")).isEqualTo(image(chart, "mariadb"));
        assertThat(chart.environmentOf(finish)).containsEntry("BACKUP_KEEP", "14");

        assertThat(chart.environmentOf(Yaml.maps(pod, "initContainers").get(0)))
                .containsEntry("CH_MARIADB_URL", "jdbc:mariadb://home-mariadb:3306/connected_home");
        assertThat(chart.environmentOf(Yaml.maps(pod, "initContainers").get(1)))
                .containsEntry("CH_INFLUX_URL", "http://home-influxdb:8086");

        assertThat(claimOf(pod)).isEqualTo("home-backup");
        Map<String, Object> claim = chart.named("PersistentVolumeClaim", "home-backup");
        assertThat(Yaml.string(claim, "spec.resources.requests.storage")).isEqualTo("20Gi");
        assertThat(Yaml.string(claim, "metadata.annotations.helm.sh/resource-policy"))
                .isEqualTo("keep");
    }

    @Test
    void everyStepRunsAScriptOfTheChartMountedFromItsConfigMap() {
        RenderedChart chart = RenderedChart.render(null, Map.of("backup.enabled", "true"));
        Map<String, Object> scripts = Yaml.map(chart.named("ConfigMap", "home-backup-scripts"), "data");
        Map<String, Object> pod = Yaml.map(chart.named("CronJob", CRON_JOB), "spec.jobTemplate.spec.template.spec");

        for (Map<String, Object> container :
                SecretsTest.containers(Map.of("spec", Map.of("template", Map.of("spec", pod))))) {
            List<String> command = Yaml.strings(container, "command");
            String script = command.get(command.size() - 1).replace("/scripts/", "");
            assertThat(scripts).as("%s runs %s", container.get("name"), script).containsKey(script);
            assertThat(scripts.get(script).toString().strip())
                    .isEqualTo(Repository.read(Repository.CHART.resolve("files/backup/" + script))
                            .strip());
        }
    }

    @Test
    void anExistingClaimIsUsedAsItIs() {
        RenderedChart chart = RenderedChart.render(
                null, Map.of("backup.enabled", "true", "backup.persistence.existingClaim", "nas-backups"));

        assertThat(chart.ofKind("PersistentVolumeClaim")).isEmpty();
        assertThat(claimOf(Yaml.map(chart.named("CronJob", CRON_JOB), "spec.jobTemplate.spec.template.spec")))
                .isEqualTo("nas-backups");
    }

    @Test
    void externalDatastoresAreBackedUpWhereTheServicesFindThem() {
        Map<String, String> external = Map.of(
                "backup.enabled", "true",
                "mariadb.enabled", "false",
                "externalDatabase.url", "jdbc:mariadb://db.lan:3306/home",
                "influxdb.enabled", "false",
                "externalInfluxdb.url", "https://influx.lan");

        // an external InfluxDB may be 3.x, which has no backup API: only when it is said to be 2.x
        Map<String, Object> withoutInflux = Yaml.map(
                RenderedChart.render(null, external).named("CronJob", CRON_JOB), "spec.jobTemplate.spec.template.spec");
        assertThat(Yaml.maps(withoutInflux, "initContainers"))
                .extracting(c -> c.get("name"))
                .containsExactly("mariadb-dump");

        Map<String, String> influx2 = new java.util.HashMap<>(external);
        influx2.put("backup.externalInfluxdb", "true");
        RenderedChart chart = RenderedChart.render(null, influx2);
        List<Map<String, Object>> steps =
                Yaml.maps(chart.named("CronJob", CRON_JOB), "spec.jobTemplate.spec.template.spec.initContainers");
        assertThat(chart.environmentOf(steps.get(0)))
                .containsEntry("CH_MARIADB_URL", "jdbc:mariadb://db.lan:3306/home");
        assertThat(chart.environmentOf(steps.get(1))).containsEntry("CH_INFLUX_URL", "https://influx.lan");
    }

    @Test
    void aScheduleMustBeCron() {
        assertThatThrownBy(() ->
                        RenderedChart.render(null, Map.of("backup.enabled", "true", "backup.schedule", "every night")))
                .hasMessageContaining("backup.schedule");
    }

    private static String image(RenderedChart chart, String datastore) {
        return (String) RenderedChart.mainContainer(chart.datastoreWorkloads().stream()
                        .filter(w -> datastore.equals(RenderedChart.component(w)))
                        .findFirst()
                        .orElseThrow())
                .get("image");
    }

    private static String claimOf(Map<String, Object> pod) {
        return Yaml.maps(pod, "volumes").stream()
                .filter(v -> "backups".equals(v.get("name")))
                .map(v -> Yaml.string(v, "persistentVolumeClaim.claimName"))
                .findFirst()
                .orElseThrow();
    }
}
