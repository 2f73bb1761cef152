package home.connected.system.logs;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A service's log as it wrote it: one JSON object a line (Elastic Common Schema). */
final class JsonLogLines {

    private JsonLogLines() {}

    /** Every complete line of the log, parsed; a line that is not one JSON object fails the test. */
    static List<JsonObject> of(Path log) {
        String text;
        try {
            text = Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the last line may be half written
        int end = text.lastIndexOf('\n');
        List<JsonObject> lines = new ArrayList<>();
        int number = 0;
        for (String line : text.substring(0, end + 1).split("\n")) {
            number++;
            lines.add(parsed(log, number, line));
        }
        return lines;
    }

    /** The member at a dotted path ({@code log.level}) as a string, if there is one. */
    static Optional<String> field(JsonObject line, String path) {
        JsonElement element = line;
        for (String name : path.split("\\.")) {
            if (!element.isJsonObject() || !element.getAsJsonObject().has(name)) {
                return Optional.empty();
            }
            element = element.getAsJsonObject().get(name);
        }
        return element.isJsonPrimitive() ? Optional.of(element.getAsString()) : Optional.empty();
    }

    private static JsonObject parsed(Path log, int number, String line) {
        try {
            JsonElement element = JsonParser.parseString(line);
            if (element.isJsonObject()) {
                return element.getAsJsonObject();
            }
        } catch (JsonParseException notJson) {
            // reported below
        }
        throw new AssertionError(log + " line " + number + " is not one JSON object: " + line);
    }
}
