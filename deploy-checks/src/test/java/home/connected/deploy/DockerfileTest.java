package home.connected.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker/Dockerfile read as text (building it needs a container engine, which the test run does
 * not require): the stages that end up in an image, and what the chart assumes about them.
 */
class DockerfileTest {

    private static final String DOCKERFILE = Repository.read(Repository.ROOT.resolve("docker/Dockerfile"));
    private static final Pattern FROM = Pattern.compile("(?m)^FROM (\\S+) AS (\\S+)$");

    @Test
    void runtimeImagesStartFromTheJreAndNeverFromTheBuildStage() {
        Map<String, String> stages = stages();

        assertThat(stages.keySet()).endsWith("runtime"); // the default target is the last stage
        assertThat(stages).containsEntry("runtime-base", "${JRE_IMAGE}");
        assertThat(stages).containsEntry("runtime", "runtime-base").containsEntry("prebuilt", "runtime-base");
        assertThat(DOCKERFILE).contains("ARG JRE_IMAGE=eclipse-temurin:17-jre");
        assertThat(stageText("runtime")).doesNotContain("mvnw").contains("COPY --from=layers");
        assertThat(stageText("prebuilt")).doesNotContain("mvnw", "--from=");
    }

    @Test
    void extractsTheLayeredJarAndLaunchesIt() {
        assertThat(stageText("build")).contains("./mvnw");
        assertThat(stageText("layers"))
                .contains(
                        "java -Djarmode=tools -jar /out/app.jar extract --layers --launcher --destination /extracted");
        List<String> layers = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
        for (String stage : List.of("runtime", "prebuilt")) {
            String text = stageText(stage);
            int previous = -1;
            for (String layer : layers) {
                int at = text.indexOf("extracted/" + layer + "/");
                assertThat(at)
                        .as("%s copies the %s layer after the ones that change less", stage, layer)
                        .isGreaterThan(previous);
                previous = at;
            }
        }
        assertThat(stageText("runtime-base"))
                .contains("ENTRYPOINT [\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
    }

    @Test
    void runsAsTheNonRootUserTheChartExpects() {
        Matcher user = Pattern.compile("(?m)^USER (\\d+):(\\d+)$").matcher(stageText("runtime-base"));
        assertThat(user.find()).as("runtime-base sets a numeric USER").isTrue();
        Map<String, Object> values = Yaml.load(Repository.read(Repository.CHART.resolve("values.yaml")));

        assertThat(Integer.parseInt(user.group(1))).isPositive();
        assertThat(Yaml.at(values, "podSecurityContext.runAsUser")).isEqualTo(Integer.parseInt(user.group(1)));
        assertThat(Yaml.at(values, "podSecurityContext.runAsGroup")).isEqualTo(Integer.parseInt(user.group(2)));
    }

    private static Map<String, String> stages() {
        Map<String, String> stages = new LinkedHashMap<>();
        Matcher m = FROM.matcher(DOCKERFILE);
        while (m.find()) {
            stages.put(m.group(2), m.group(1));
        }
        return stages;
    }

    private static String stageText(String stage) {
        Matcher m = FROM.matcher(DOCKERFILE);
        while (m.find()) {
            if (m.group(2).equals(stage)) {
                int end = DOCKERFILE.indexOf("\nFROM ", m.end());
                return DOCKERFILE.substring(m.start(), end < 0 ? DOCKERFILE.length() : end);
            }
        }
        throw new AssertionError("docker/Dockerfile has no stage " + stage);
    }
}
