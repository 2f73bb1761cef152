package home.connected.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's own application.yml says it serves and needs, read from the source tree with
 * the Maven build's {@code @NAME@} filtering from ports.env applied.
 */
record ServiceConfiguration(String module, Map<String, Object> yaml, String rawText) {

    static final String APPLICATION_YML = "src/main/resources/application.yml";
    private static final Pattern MAVEN_TOKEN = Pattern.compile("@([A-Za-z0-9_.-]+)@");

    static ServiceConfiguration of(String module) {
        Path file = Repository.ROOT.resolve(module).resolve(APPLICATION_YML);
        String raw = Repository.read(file);
        Map<String, Integer> ports = Repository.ports();
        Matcher m = MAVEN_TOKEN.matcher(raw);
        StringBuilder filtered = new StringBuilder();
        while (m.find()) {
            Integer port = ports.get(m.group(1));
            if (port == null) {
                throw new IllegalStateException(file + " uses @" + m.group(1) + "@, which ports.env does not define");
            }
            m.appendReplacement(filtered, port.toString());
        }
        m.appendTail(filtered);
        // Profile-specific documents (spring.config.activate) do not apply to a deployment.
        Map<String, Object> base = Yaml.loadAll(filtered.toString()).stream()
                .filter(doc -> Yaml.at(doc, "spring.config.activate") == null)
                .findFirst()
                .orElse(Map.of());
        return new ServiceConfiguration(module, base, raw);
    }

    Integer httpPort() {
        return integer("server.port");
    }

    /** The port actuator listens on: management.server.port when set, else the HTTP port. */
    Integer managementPort() {
        Integer management = integer("management.server.port");
        return management != null ? management : httpPort();
    }

    /** The native gRPC port: spring.grpc.server.port, or a service's own ...grpc.port setting. */
    Integer grpcPort() {
        Integer spring = integer("spring.grpc.server.port");
        return spring != null ? spring : findGrpcPort(yaml, false);
    }

    private static Integer findGrpcPort(Object node, boolean underGrpc) {
        if (!(node instanceof Map<?, ?> map)) {
            return null;
        }
        if (underGrpc && map.get("port") != null) {
            return Integer.valueOf(map.get("port").toString().trim());
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Integer port = findGrpcPort(entry.getValue(), "grpc".equals(entry.getKey()));
            if (port != null) {
                return port;
            }
        }
        return null;
    }

    /** The ports.env name the Maven build filters into server.port, e.g. CH_AUTH_HTTP_PORT. */
    String httpPortName() {
        Matcher m = Pattern.compile("(?m)^server:\\s*\\n(?:[ \\t].*\\n)*?[ \\t]+port:\\s*@([A-Z0-9_]+)@")
                .matcher(rawText);
        return m.find() ? m.group(1) : null;
    }

    boolean probesEnabled() {
        return "true".equals(Yaml.string(yaml, "management.endpoint.health.probes.enabled"));
    }

    boolean exposesHealth() {
        String include = Yaml.string(yaml, "management.endpoints.web.exposure.include");
        if (include == null) {
            return true; // health is exposed over HTTP by default
        }
        List<String> exposed = List.of(include.replace(" ", "").split(","));
        return exposed.contains("health") || exposed.contains("*");
    }

    String livenessPath() {
        return healthPath() + "/liveness";
    }

    String readinessPath() {
        return healthPath() + "/readiness";
    }

    /**
     * Variables a service needs although its application.yml gives them an empty default
     * (which lets tests and ./dev/run start it without them): auth-service cannot keep its
     * signing keys without the key-encryption key, and a new installation has no way in
     * without the bootstrap admin; alert-service cannot store a channel's secrets without its
     * key, and its broker client needs a password.
     */
    private static final Map<String, List<String>> REQUIRED_DESPITE_DEFAULT = Map.of(
            "auth-service",
            List.of("CH_AUTH_KEY_ENCRYPTION_KEY", "CH_BOOTSTRAP_ADMIN_USER", "CH_BOOTSTRAP_ADMIN_PASSWORD"),
            "alert-service",
            List.of("CH_ALERT_SECRETS_KEY", "CH_ALERT_MQTT_PASSWORD"));

    /**
     * What the service needs and a container with exactly these (non-empty) variables lacks:
     * placeholders of application.yml that stay unresolved, and required variables not given.
     */
    List<String> unsetBy(java.util.Set<String> environment) {
        List<String> unset = new ArrayList<>();
        placeholders().stream()
                .filter(placeholder -> !placeholder.isSatisfiedBy(environment))
                .forEach(placeholder -> unset.add(placeholder.expression()));
        REQUIRED_DESPITE_DEFAULT.getOrDefault(module, List.of()).stream()
                .filter(name -> !environment.contains(name))
                .forEach(unset::add);
        return unset;
    }

    /** Every ${...} placeholder in the file's values. */
    List<Placeholder> placeholders() {
        List<Placeholder> found = new ArrayList<>();
        collect(yaml, found);
        return found;
    }

    private String healthPath() {
        String contextPath = "";
        if (Yaml.at(yaml, "management.server.port") != null) {
            contextPath = orDefault(Yaml.string(yaml, "management.server.base-path"), "");
        } else {
            contextPath = orDefault(Yaml.string(yaml, "server.servlet.context-path"), "")
                    + orDefault(Yaml.string(yaml, "spring.webflux.base-path"), "");
        }
        String basePath = orDefault(Yaml.string(yaml, "management.endpoints.web.base-path"), "/actuator");
        String health = orDefault(Yaml.string(yaml, "management.endpoints.web.path-mapping.health"), "health");
        String path = (contextPath + "/" + basePath + "/" + health).replaceAll("/+", "/");
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private Integer integer(String path) {
        String value = Yaml.string(yaml, path);
        return value == null ? null : Integer.valueOf(value.trim());
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static void collect(Object node, List<Placeholder> found) {
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(value -> collect(value, found));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collect(value, found));
        } else if (node instanceof String text) {
            found.addAll(Placeholder.parseAll(text));
        }
    }
}
