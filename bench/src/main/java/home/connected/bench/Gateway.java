package home.connected.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** The gateway's REST API as a signed-in user; every call must answer 2xx or the bench stops. */
final class Gateway {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String token;

    private Gateway(String base, String token) {
        this.base = base;
        this.token = token;
    }

    static Gateway signIn(int port, String username, String password) {
        String base = "http://127.0.0.1:" + port;
        String body = Mqtt.JSON.writeValueAsString(java.util.Map.of("username", username, "password", password));
        JsonNode answer = Mqtt.JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))));
        return new Gateway(base, answer.get("accessToken").asString());
    }

    String get(String path) {
        return send(authorized(path).GET());
    }

    String post(String path, String json) {
        return send(authorized(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    String delete(String path) {
        return send(authorized(path).DELETE());
    }

    /** Opens the live stream of one device and hands each {@code data:} payload to {@code events}, on its own thread. */
    Thread stream(String deviceId, Consumer<String> events) {
        HttpRequest request = authorized("/api/v1/readings:stream?deviceId=" + deviceId)
                .timeout(Duration.ofMinutes(10))
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        Thread reader = new Thread(
                () -> {
                    try {
                        HttpResponse<Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
                        if (response.statusCode() != 200) {
                            System.err.println("stream answered " + response.statusCode());
                            return;
                        }
                        try (Stream<String> lines = response.body()) {
                            lines.filter(line -> line.startsWith("data:"))
                                    .forEach(line ->
                                            events.accept(line.substring(5).trim()));
                        }
                    } catch (IOException | java.io.UncheckedIOException e) {
                        // the stream ends when the gateway stops at the end of the bench
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "sse-" + deviceId);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }

    /** GET {@code url} outside the gateway (InfluxDB's own /query), with the same checks. */
    static String getDirect(String url) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .GET());
    }

    /** POST {@code url} outside the gateway with no body (InfluxDB's /query for a DROP), with the same checks. */
    static String postDirect(String url) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static String send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(built.method() + " "
                        + built.uri().getPath() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
