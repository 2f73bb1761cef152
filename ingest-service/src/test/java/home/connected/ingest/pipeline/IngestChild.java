package home.connected.ingest.pipeline;

import static org.awaitility.Awaitility.await;

import home.connected.ingest.IngestServiceApplication;
import home.connected.testing.ActuatorProbes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** ingest-service in a JVM of its own (the test classpath), so that a test can SIGKILL it. */
final class IngestChild extends ChildProcess {

    private final int port;

    private IngestChild(List<String> command, Map<String, String> environment, Path log, int port) {
        super(command, environment, log);
        this.port = port;
    }

    static IngestChild create(String name, Map<String, String> environment) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                IngestServiceApplication.class.getName(),
                "--server.port=" + port,
                "--ch.ingest.writer.max-backoff=1s"));
        return new IngestChild(command, environment, directory("ingest").resolve(name + ".log"), port);
    }

    int readinessStatus() {
        try {
            return ActuatorProbes.get(port, ActuatorProbes.READINESS).statusCode();
        } catch (AssertionError notAnswering) {
            return -1;
        }
    }

    void awaitReadiness(int status) {
        await("readiness of the ingest child to become " + status)
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .failFast("the ingest child exited", () -> !alive())
                .until(this::readinessStatus, answered -> answered == status);
    }
}
