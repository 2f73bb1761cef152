package home.connected.dynsec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Commands sent and not yet answered, by correlation data. */
final class PendingAnswers {

    private final JsonMapper json;
    private final Map<String, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();

    PendingAnswers(JsonMapper json) {
        this.json = json;
    }

    /** Registers one answer per command and returns the envelope to publish. */
    byte[] envelope(List<Command> commands, List<String> correlations) {
        List<Map<String, Object>> body = new ArrayList<>();
        for (Command command : commands) {
            String correlation = UUID.randomUUID().toString();
            correlations.add(correlation);
            waiting.put(correlation, new CompletableFuture<>());
            body.add(command.withCorrelation(correlation));
        }
        return json.writeValueAsBytes(Map.of("commands", body));
    }

    CompletableFuture<JsonNode> answer(String correlation) {
        return waiting.get(correlation);
    }

    void forget(List<String> correlations) {
        correlations.forEach(waiting::remove);
    }

    void complete(byte[] payload) {
        for (JsonNode response : json.readTree(payload).path("responses")) {
            CompletableFuture<JsonNode> answer =
                    waiting.get(response.path("correlationData").asString(""));
            if (answer != null) {
                answer.complete(response);
            }
        }
    }
}
