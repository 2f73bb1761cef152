package home.connected.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;

/** Parsing YAML into plain maps and lists, and walking them. */
final class Yaml {

    private Yaml() {}

    static Map<String, Object> load(String text) {
        Map<String, Object> document = newYaml().load(text);
        return document == null ? Map.of() : document;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> loadAll(String text) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : newYaml().loadAll(text)) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    /**
     * The value at a dotted path of map keys, or null where the path ends early. Keys that
     * contain dots themselves (labels such as app.kubernetes.io/name) are matched whole.
     */
    static Object at(Object node, String path) {
        return at(node, path.split("\\."), 0);
    }

    private static Object at(Object node, String[] keys, int from) {
        if (from == keys.length) {
            return node;
        }
        if (!(node instanceof Map<?, ?> map)) {
            return null;
        }
        for (int to = keys.length; to > from; to--) {
            String key = String.join(".", java.util.Arrays.copyOfRange(keys, from, to));
            if (map.containsKey(key)) {
                return at(map.get(key), keys, to);
            }
        }
        return null;
    }

    static String string(Object node, String path) {
        Object value = at(node, path);
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String path) {
        Object value = at(node, path);
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object node, String path) {
        Object value = at(node, path);
        return value instanceof List<?> ? (List<Map<String, Object>>) value : List.of();
    }

    static List<String> strings(Object node, String path) {
        Object value = at(node, path);
        return value instanceof List<?> list
                ? list.stream().map(Objects::toString).toList()
                : List.of();
    }

    private static org.yaml.snakeyaml.Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        return new org.yaml.snakeyaml.Yaml(options);
    }
}
