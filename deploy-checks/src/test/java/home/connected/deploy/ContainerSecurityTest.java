package home.connected.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ContainerSecurityTest {

    static Stream<RenderedChart> charts() {
        return SecretsTest.charts();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void everyContainerRunsUnprivilegedOnAReadOnlyRoot(RenderedChart chart) {
        for (Map<String, Object> workload : chart.workloads()) {
            Map<String, Object> pod = Yaml.map(workload, "spec.template.spec.securityContext");
            for (Map<String, Object> container : SecretsTest.containers(workload)) {
                String where = RenderedChart.component(workload) + "/" + container.get("name");
                Map<String, Object> own = Yaml.map(container, "securityContext");

                assertThat(effective(own, pod, "runAsNonRoot"))
                        .as(where + " runAsNonRoot")
                        .isEqualTo(true);
                assertThat(effective(own, pod, "runAsUser"))
                        .as(where + " runAsUser")
                        .isNotEqualTo(0);
                assertThat(own.get("readOnlyRootFilesystem"))
                        .as(where + " readOnlyRootFilesystem")
                        .isEqualTo(true);
                assertThat(own.get("allowPrivilegeEscalation"))
                        .as(where + " allowPrivilegeEscalation")
                        .isEqualTo(false);
                assertThat(Yaml.strings(own, "capabilities.drop"))
                        .as(where + " drops")
                        .contains("ALL");
                assertThat(Yaml.strings(own, "capabilities.add"))
                        .as(where + " adds")
                        .isEmpty();
                assertThat(own.get("privileged")).as(where + " privileged").isNotEqualTo(true);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("charts")
    void servicesWriteOnlyToAnEmptyDirTmp(RenderedChart chart) {
        for (Map<String, Object> deployment : chart.serviceWorkloads()) {
            Map<String, Object> container = RenderedChart.mainContainer(deployment);
            String tmpVolume = Yaml.maps(container, "volumeMounts").stream()
                    .filter(mount -> "/tmp".equals(mount.get("mountPath")))
                    .map(mount -> (String) mount.get("name"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(RenderedChart.component(deployment) + " mounts no /tmp"));
            assertThat(Yaml.maps(deployment, "spec.template.spec.volumes"))
                    .filteredOn(volume -> tmpVolume.equals(volume.get("name")))
                    .singleElement()
                    .satisfies(volume -> assertThat(volume).containsKey("emptyDir"));
        }
    }

    private static Object effective(Map<String, Object> container, Map<String, Object> pod, String key) {
        return container.containsKey(key) ? container.get(key) : pod.get(key);
    }
}
