package home.connected.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The source tree the checks read: ports.env, the modules' application.yml, the chart, docker/. */
final class Repository {

    private static final Pattern PORT_LINE = Pattern.compile("^(CH_[A-Z0-9_]+)=([0-9]+)\\s*$");

    static final Path ROOT = findRoot();
    static final Path CHART = ROOT.resolve("helm/connected-home");
    static final Path COMPOSE = ROOT.resolve("docker/compose.yaml");

    private Repository() {}

    /** ports.env: NAME -> port, in file order. */
    static Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String line : lines(ROOT.resolve("ports.env"))) {
            Matcher m = PORT_LINE.matcher(line);
            if (m.matches()) {
                ports.put(m.group(1), Integer.parseInt(m.group(2)));
            }
        }
        return ports;
    }

    /** The modules that run as a service: those whose application.yml sets server.port. */
    static List<ServiceConfiguration> deployableModules() {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve(ServiceConfiguration.APPLICATION_YML)))
                    .sorted()
                    .map(dir -> ServiceConfiguration.of(dir.getFileName().toString()))
                    .filter(service -> service.httpPort() != null)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(Path file) {
        return read(file).lines().toList();
    }

    private static Path findRoot() {
        String configured = System.getenv("CH_REPO_ROOT");
        if (configured != null && Files.isRegularFile(Path.of(configured, "ports.env"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("ports.env")) && Files.isDirectory(dir.resolve("helm"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root (ports.env) from "
                + Path.of("").toAbsolutePath());
    }
}
