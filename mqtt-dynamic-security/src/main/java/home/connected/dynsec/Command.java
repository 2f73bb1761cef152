package home.connected.dynsec;

import java.util.LinkedHashMap;
import java.util.Map;

/** One plugin command as its JSON fields, e.g. {@code {"command":"deleteClient","username":"x"}}. */
final class Command {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Command(String name) {
        fields.put("command", name);
    }

    static Command of(String name, Object... pairs) {
        Command command = new Command(name);
        for (int i = 0; i < pairs.length; i += 2) {
            command.fields.put((String) pairs[i], pairs[i + 1]);
        }
        return command;
    }

    String name() {
        return (String) fields.get("command");
    }

    Map<String, Object> withCorrelation(String correlation) {
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.put("correlationData", correlation);
        return copy;
    }
}
