package home.connected.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A private Mosquitto on a free loopback port, with persistence and the dev broker's queue
 * limits, that a test stops and starts itself (the shared dev broker is never restarted).
 * Anonymous clients may do anything. Its files live under {@code target/throwaway-mosquitto/}.
 */
public final class ThrowawayMosquitto implements AutoCloseable {

    private static final Duration LISTENING_TIMEOUT = Duration.ofSeconds(30);

    private final int port;
    private final Path directory;
    private Process process;

    private ThrowawayMosquitto(int port, Path directory) {
        this.port = port;
        this.directory = directory;
    }

    /** Configured on a free port, not started yet. */
    public static ThrowawayMosquitto create() {
        return create("");
    }

    /**
     * Configured on a free port with more lines of configuration, e.g. a second, TLS listener; not
     * started yet.
     */
    public static ThrowawayMosquitto create(String extraConfiguration) {
        try {
            int port = freePort();
            Path directory = Path.of("target", "throwaway-mosquitto", String.valueOf(port))
                    .toAbsolutePath();
            Files.createDirectories(directory.resolve("data"));
            String user = "root".equals(System.getProperty("user.name")) ? "user root\n" : "";
            Files.writeString(
                    directory.resolve("mosquitto.conf"),
                    user + """
                    per_listener_settings false
                    allow_anonymous true
                    listener %2$d 127.0.0.1
                    persistence true
                    persistence_location %1$s/data/
                    autosave_interval 1
                    log_dest file %1$s/mosquitto.log
                    """.formatted(directory, port) + brokerLimits() + extraConfiguration);
            return new ThrowawayMosquitto(port, directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The queue and in-flight limits every project broker uses, from the chart's mosquitto.conf. */
    static String brokerLimits() {
        Path file = DevServices.repoRoot(System.getenv()).resolve("helm/connected-home/files/mosquitto.conf");
        try {
            String conf = Files.readString(file);
            int start = conf.indexOf("# --- broker limits");
            int end = conf.indexOf("# --- end of broker limits");
            if (start < 0 || end < 0) {
                throw new IllegalStateException("no broker limits block in " + file);
            }
            return conf.substring(start, end) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Created and started, listening. */
    public static ThrowawayMosquitto started() {
        ThrowawayMosquitto broker = create();
        broker.start();
        return broker;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts it and waits until it listens. */
    public synchronized void start() {
        if (running()) {
            return;
        }
        try {
            process = new ProcessBuilder(
                            "mosquitto",
                            "-c",
                            directory.resolve("mosquitto.conf").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            directory.resolve("out.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start mosquitto (installed by ./dev/services up)", e);
        }
        awaitListening();
    }

    /** SIGTERM: Mosquitto saves its persistence file and exits. */
    public synchronized void stop() {
        if (running()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping mosquitto", e);
            }
        }
    }

    /** Stopped and started again: persistent sessions and their queued messages survive. */
    public void restart() {
        stop();
        start();
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitListening() {
        Awaitility.await("mosquitto listening on " + port + " (log: " + directory + ")")
                .atMost(LISTENING_TIMEOUT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!running()) {
                        throw new IllegalStateException("mosquitto exited; see " + directory.resolve("out.log"));
                    }
                    return listening();
                });
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
