package home.connected.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Connected Home application run from its built jar as a child process, the way it runs in
 * production, for system tests. Output goes to {@code target/system-logs/<module>.log}.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    private final String module;
    private final int httpPort;
    private final Path log;
    private final Process process;

    private ServiceProcess(String module, int httpPort, Path log, Process process) {
        this.module = module;
        this.httpPort = httpPort;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts the module's jar with the given Spring properties (as {@code --key=value}) and
     * environment on top of this JVM's, on the given HTTP port; {@link #awaitReady()} waits for it.
     */
    public static ServiceProcess launch(
            String module, int httpPort, Map<String, String> properties, Map<String, String> environment) {
        Path root = DevServices.repoRoot(System.getenv());
        Path jar = jarOf(root, module);
        List<String> command = new ArrayList<>(List.of(
                javaBinary(), "-Xmx384m", "-XX:+UseSerialGC", "-jar", jar.toString(), "--server.port=" + httpPort));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Path log =
                    Files.createDirectories(root.resolve("target/system-logs")).resolve(module + ".log");
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return new ServiceProcess(module, httpPort, log, builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + module + ": " + e.getMessage(), e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    public int httpPort() {
        return httpPort;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Ends the process at once, as a crash or an OOM killer would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** Waits until readiness answers UP; fails, and ends the process, when it exits or takes too long. */
    public void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited during start; see " + log);
            }
            try {
                if (ActuatorProbes.get(httpPort, ActuatorProbes.READINESS).statusCode() == 200) {
                    return;
                }
            } catch (AssertionError notYetListening) {
                // keep waiting
            }
            try {
                TimeUnit.MILLISECONDS.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException(module + " was not ready within " + READY_TIMEOUT + "; see " + log);
    }

    private static Path jarOf(Path root, String module) {
        Path target = root.resolve(module).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches(module + "-[^/]+\\.jar"))
                    .findFirst()
                    .orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "no built jar of " + module + " in " + target + ": build it first with ./mvnw package -DskipTests",
                    e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
