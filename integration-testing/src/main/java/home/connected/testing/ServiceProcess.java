package home.connected.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One Connected Home application run from its built jar as a child process, the way it runs in
 * production, for system tests and the bench. Output (JSON lines, docs/operations.md "Logs and traces") goes
 * to {@code target/system-logs/<module>-<http port>.log} unless told otherwise: its own file, though another
 * test run starts the same module at the same time. A shutdown hook ends it when the JVM that started it
 * stops first.
 */
public final class ServiceProcess implements AutoCloseable {

    /**
     * Extra JVM options for one module's processes, e.g. a JFR recording for a profile:
     * {@code CH_JAVA_OPTS_GATEWAY_SERVICE="-XX:StartFlightRecording=filename=gw.jfr"}.
     */
    static final String EXTRA_OPTIONS_PREFIX = "CH_JAVA_OPTS_";

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    private final String module;
    private final int httpPort;
    private final Path log;
    private final Process process;
    private final Thread stopAtExit;

    private ServiceProcess(String module, int httpPort, Path log, Process process) {
        this.module = module;
        this.httpPort = httpPort;
        this.log = log;
        this.process = process;
        this.stopAtExit = new Thread(process::destroy, "stop-" + module);
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /**
     * How to start {@code module}: its built jar with the module's own {@code jvm.options} (as {@code ./dev/run}
     * starts it) on a free HTTP port.
     */
    public static Launch of(String module) {
        return new Launch(module);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    public String module() {
        return module;
    }

    public int httpPort() {
        return httpPort;
    }

    public Path log() {
        return log;
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
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException shuttingDown) {
            // closed by another shutdown hook: this one runs anyway and finds the process gone
        }
    }

    /** Waits until readiness answers UP; fails, and ends the process, when it exits or takes too long. */
    public void awaitReady() {
        try {
            await().atMost(READY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250))
                    .failFast(module + " exited during start; see " + log, () -> !process.isAlive())
                    .until(this::answersReady);
        } catch (ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException(module + " was not ready within " + READY_TIMEOUT + "; see " + log, e);
        }
    }

    private boolean answersReady() {
        try {
            return ActuatorProbes.get(httpPort, ActuatorProbes.READINESS).statusCode() == 200;
        } catch (AssertionError notYetListening) {
            return false;
        }
    }

    /** What to start; {@link #start()} starts it, {@link ServiceProcess#awaitReady()} waits for it. */
    public static final class Launch {

        private final String module;
        private Path jar;
        private List<String> javaOptions;
        private int httpPort;
        private Map<String, String> properties = Map.of();
        private Map<String, String> environment = Map.of();
        private Path log;

        private Launch(String module) {
            this.module = module;
        }

        /** Another jar than the module's in {@code <module>/target}. */
        public Launch jar(Path jar) {
            this.jar = jar;
            return this;
        }

        public Launch javaOptions(List<String> javaOptions) {
            this.javaOptions = List.copyOf(javaOptions);
            return this;
        }

        public Launch httpPort(int httpPort) {
            this.httpPort = httpPort;
            return this;
        }

        /** Spring properties, passed as {@code --key=value}. */
        public Launch properties(Map<String, String> properties) {
            this.properties = Map.copyOf(properties);
            return this;
        }

        /** Environment variables on top of this JVM's. */
        public Launch environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        public Launch log(Path log) {
            this.log = log;
            return this;
        }

        public ServiceProcess start() {
            Path root = DevServices.repoRoot(System.getenv());
            int port = httpPort > 0 ? httpPort : freePort();
            List<String> command = new ArrayList<>();
            command.add(javaBinary());
            command.addAll(javaOptions != null ? javaOptions : defaultJavaOptions(root, module));
            command.addAll(
                    List.of("-jar", (jar != null ? jar : jarOf(root, module)).toString(), "--server.port=" + port));
            properties.forEach((key, value) -> command.add("--" + key + "=" + value));
            Path output = log != null ? log : root.resolve("target/system-logs").resolve(module + "-" + port + ".log");
            try {
                Files.createDirectories(output.toAbsolutePath().getParent());
                ProcessBuilder builder =
                        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
                // as ./dev/run starts them (dev/lib/apps.sh): two malloc arenas keep a JVM's RSS down
                builder.environment().put("MALLOC_ARENA_MAX", "2");
                builder.environment().putAll(environment);
                return new ServiceProcess(module, port, output, builder.start());
            } catch (IOException e) {
                throw new IllegalStateException("could not start " + module + ": " + e.getMessage(), e);
            }
        }

        /** The module's {@code jvm.options} argument file, then any {@link #EXTRA_OPTIONS_PREFIX} options. */
        public static List<String> defaultJavaOptions(Path root, String module) {
            List<String> options = new ArrayList<>();
            Path file = root.resolve(module).resolve("jvm.options");
            if (Files.isRegularFile(file)) {
                options.add("@" + file);
            }
            String extra = System.getenv(
                    EXTRA_OPTIONS_PREFIX + module.toUpperCase(Locale.ROOT).replace('-', '_'));
            if (extra != null && !extra.isBlank()) {
                options.addAll(List.of(extra.strip().split("\\s+")));
            }
            return options;
        }

        private static Path jarOf(Path root, String module) {
            Path target = root.resolve(module).resolve("target");
            try (Stream<Path> files = Files.list(target)) {
                return files.filter(p -> p.getFileName().toString().matches(module + "-[^/]+\\.jar"))
                        .findFirst()
                        .orElseThrow();
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(
                        "no built jar of " + module + " in " + target
                                + ": build it first with ./mvnw package -DskipTests",
                        e);
            }
        }

        private static String javaBinary() {
            return Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }
    }
}
