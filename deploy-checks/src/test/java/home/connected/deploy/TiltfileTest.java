package home.connected.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Tiltfile (not run here: that needs Tilt and a cluster) covers every service. */
class TiltfileTest {

    private static final String TILTFILE = Repository.read(Repository.ROOT.resolve("Tiltfile"));

    @Test
    void buildsAndDeploysEveryServiceModule() {
        Matcher m = Pattern.compile("(?m)^MODULES = \\[([^\\]]*)]").matcher(TILTFILE);
        assertThat(m.find()).as("Tiltfile has a MODULES list").isTrue();

        assertThat(Arrays.stream(m.group(1).split(","))
                        .map(name -> name.trim().replace("'", ""))
                        .toList())
                .containsExactlyInAnyOrderElementsOf(Repository.deployableModules().stream()
                        .map(ServiceConfiguration::module)
                        .toList());
    }

    @Test
    void takesItsPortsFromPortsEnvAndItsImagesFromTheSharedDockerfile() {
        assertThat(TILTFILE).contains("read_file('ports.env')", "dockerfile='docker/Dockerfile'", "target='prebuilt'");
        assertThat(TILTFILE).as("no port number written into the Tiltfile").doesNotContainPattern("\\b[0-9]{4,5}\\b");
    }
}
