package home.connected.piagent.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One YAML mapping of the configuration file, read key by key with the line of every value at
 * hand, so each error can say where it is. {@link #finish} refuses keys nobody asked for: a typo
 * stops the agent instead of being ignored.
 */
final class YamlMapping {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE =
            Pattern.compile("(\\d+)\\s*(B|KB|MB|GB|KiB|MiB|GiB)?", Pattern.CASE_INSENSITIVE);

    private final String file;
    private final String path;
    private final Node node;
    private final Map<String, Node> values = new LinkedHashMap<>();
    private final Set<String> asked = new java.util.HashSet<>();

    private YamlMapping(String file, String path, Node node, Map<String, Node> values) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.values.putAll(values);
    }

    static YamlMapping of(String file, String path, Node node) throws ConfigException {
        if (!(node instanceof MappingNode mapping)) {
            throw error(file, node, path, "must be a mapping of keys to values");
        }
        Map<String, Node> values = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw error(file, tuple.getKeyNode(), path, "keys must be plain words");
            }
            if (values.put(key.getValue(), tuple.getValueNode()) != null) {
                throw error(file, key, join(path, key.getValue()), "is given twice");
            }
        }
        return new YamlMapping(file, path, node, values);
    }

    int line() {
        return node.getStartMark().getLine() + 1;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    String string(String key, String fallback) throws ConfigException {
        Node value = take(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
            throw error(value, key, "must be a text");
        }
        return scalar.getValue().trim();
    }

    String requiredString(String key) throws ConfigException {
        String value = string(key, null);
        if (value == null) {
            throw error(node, key, "is missing");
        }
        return value;
    }

    boolean bool(String key, boolean fallback) throws ConfigException {
        Node value = take(key);
        if (value == null) {
            return fallback;
        }
        String text = scalar(value, key).toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error(value, key, "must be true or false, not '" + text + "'");
        };
    }

    Double number(String key, Double fallback) throws ConfigException {
        Node value = take(key);
        return value == null ? fallback : number(value, key);
    }

    Integer integer(String key, Integer fallback, int min, int max) throws ConfigException {
        Node value = take(key);
        if (value == null) {
            return fallback;
        }
        String text = scalar(value, key);
        int parsed;
        try {
            parsed = text.startsWith("0x") || text.startsWith("0X")
                    ? Integer.parseInt(text.substring(2), 16)
                    : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw error(value, key, "must be a whole number (or 0x.. hex), not '" + text + "'");
        }
        if (parsed < min || parsed > max) {
            throw error(value, key, "must be between " + min + " and " + max + ", not " + text);
        }
        return parsed;
    }

    /** {@code 250ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 30d}. */
    Duration duration(String key, Duration fallback, Duration min, Duration max) throws ConfigException {
        Node value = take(key);
        if (value == null) {
            return fallback;
        }
        String text = scalar(value, key);
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw error(value, key, "must be a duration such as 500ms, 10s, 5m, 2h or 30d, not '" + text + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration parsed = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
            throw error(value, key, "must be between " + min + " and " + max + ", not " + text);
        }
        return parsed;
    }

    /** {@code 64MB}, {@code 512KiB}, plain bytes; MB and MiB both mean 2^20 here. */
    long size(String key, long fallback, long min) throws ConfigException {
        Node value = take(key);
        if (value == null) {
            return fallback;
        }
        String text = scalar(value, key);
        Matcher matcher = SIZE.matcher(text);
        if (!matcher.matches()) {
            throw error(value, key, "must be a size such as 64MB or 512KB, not '" + text + "'");
        }
        String unit = matcher.group(2) == null ? "B" : matcher.group(2).toUpperCase(Locale.ROOT);
        long factor = switch (unit.charAt(0)) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1L;
        };
        long parsed = Long.parseLong(matcher.group(1)) * factor;
        if (parsed < min) {
            throw error(value, key, "must be at least " + min + " bytes, not " + text);
        }
        return parsed;
    }

    YamlMapping mapping(String key) throws ConfigException {
        Node value = take(key);
        return value == null ? null : of(file, join(path, key), value);
    }

    List<YamlMapping> mappings(String key) throws ConfigException {
        Node value = take(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof SequenceNode sequence)) {
            throw error(value, key, "must be a list");
        }
        List<YamlMapping> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            items.add(of(file, join(path, key) + "[" + items.size() + "]", item));
        }
        return items;
    }

    /** A number, or a mapping of names to numbers: the number goes under {@code singleKey}. */
    Map<String, Double> numbers(String key, String singleKey) throws ConfigException {
        Node value = take(key);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof ScalarNode) {
            return Map.of(singleKey, number(value, key));
        }
        YamlMapping mapping = of(file, join(path, key), value);
        Map<String, Double> numbers = new LinkedHashMap<>();
        for (String name : mapping.values.keySet()) {
            numbers.put(name, mapping.number(name, null));
        }
        return Map.copyOf(numbers);
    }

    /** Refuses every key that was not read. */
    void finish() throws ConfigException {
        for (Map.Entry<String, Node> entry : values.entrySet()) {
            if (!asked.contains(entry.getKey())) {
                throw error(entry.getValue(), entry.getKey(), "is not a known setting here");
            }
        }
    }

    ConfigException error(String key, String what) {
        Node value = values.get(key);
        return error(value != null ? value : node, key, what);
    }

    private Node take(String key) {
        asked.add(key);
        return values.get(key);
    }

    private double number(Node value, String key) throws ConfigException {
        String text = scalar(value, key);
        try {
            double parsed = Double.parseDouble(text);
            if (Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(value, key, "must be a finite number, not '" + text + "'");
    }

    private String scalar(Node value, String key) throws ConfigException {
        if (!(value instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
            throw error(value, key, "must be a single value");
        }
        return scalar.getValue().trim();
    }

    private ConfigException error(Node at, String key, String what) {
        return error(file, at, join(path, key), what);
    }

    static ConfigException error(String file, Node at, String where, String what) {
        int line = at.getStartMark().getLine() + 1;
        return new ConfigException(file + ":" + line + ": " + (where.isEmpty() ? "" : where + " ") + what);
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
