package home.connected.system.monitoring;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The queries of a Grafana dashboard's JSON: every panel target's PromQL ({@code expr}) or InfluxQL
 * ({@code query}), panels nested in rows included, and the template variables' queries; with
 * Grafana's variables replaced by what Grafana would send.
 */
final class DashboardTargets {

    /** One query and where it is, for the failure message. */
    record Target(String panel, String refId, String query) {
        @Override
        public String toString() {
            return panel + " [" + refId + "]: " + query;
        }
    }

    private final JsonObject dashboard;

    private DashboardTargets(JsonObject dashboard) {
        this.dashboard = dashboard;
    }

    static DashboardTargets of(Path file) {
        try {
            return new DashboardTargets(
                    JsonParser.parseString(Files.readString(file)).getAsJsonObject());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every panel target's text under {@code field} ({@code expr} for Prometheus, {@code query} for InfluxDB). */
    List<Target> panelQueries(String field) {
        List<Target> targets = new ArrayList<>();
        collect(dashboard.getAsJsonArray("panels"), field, targets);
        return targets;
    }

    /** The query of every template variable of type {@code query}. */
    List<Target> variableQueries() {
        List<Target> targets = new ArrayList<>();
        for (JsonElement variable : dashboard.getAsJsonObject("templating").getAsJsonArray("list")) {
            JsonObject v = variable.getAsJsonObject();
            if (!"query".equals(v.get("type").getAsString())) {
                continue;
            }
            JsonElement query = v.get("query");
            String text =
                    query.isJsonObject() ? query.getAsJsonObject().get("query").getAsString() : query.getAsString();
            targets.add(new Target("variable " + v.get("name").getAsString(), "-", text));
        }
        return targets;
    }

    /** {@code $name} and {@code ${name}} replaced, longest names first so $__range does not eat $__range_ms. */
    static String substitute(String query, Map<String, String> values) {
        String result = query;
        List<String> names = new ArrayList<>(values.keySet());
        names.sort((a, b) -> b.length() - a.length());
        for (String name : names) {
            result = result.replace("${" + name + "}", values.get(name)).replace("$" + name, values.get(name));
        }
        if (java.util.regex.Pattern.compile("\\$[A-Za-z_{]").matcher(result).find()) {
            throw new AssertionError("a Grafana variable the test does not know is left in: " + result);
        }
        return result;
    }

    private static void collect(JsonArray panels, String field, List<Target> into) {
        if (panels == null) {
            return;
        }
        for (JsonElement element : panels) {
            JsonObject panel = element.getAsJsonObject();
            collect(panel.getAsJsonArray("panels"), field, into);
            JsonArray targets = panel.getAsJsonArray("targets");
            if (targets == null) {
                continue;
            }
            for (JsonElement target : targets) {
                JsonObject t = target.getAsJsonObject();
                if (t.has(field)) {
                    into.add(new Target(
                            panel.get("title").getAsString(),
                            t.get("refId").getAsString(),
                            t.get(field).getAsString()));
                }
            }
        }
    }
}
