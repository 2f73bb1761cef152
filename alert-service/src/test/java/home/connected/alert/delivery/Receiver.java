package home.connected.alert.delivery;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP receiver on 127.0.0.1 that records every request and gives a set answer. */
final class Receiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Request(String method, String path, Headers headers, String body) {
        String header(String name) {
            return headers.getFirst(name);
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        Map<String, String> form() {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                String[] parts = pair.split("=", 2);
                form.put(
                        URLDecoder.decode(parts[0], UTF_8), URLDecoder.decode(parts.length > 1 ? parts[1] : "", UTF_8));
            }
            return form;
        }
    }

    private record Answer(int status, String body, List<String> headers) {}

    private final HttpServer server;
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private volatile Answer answer = new Answer(200, "ok", List.of("Content-Type", "text/plain"));

    private Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
            requests.add(new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders(),
                    body));
            Answer current = answer;
            for (int i = 0; i + 1 < current.headers().size(); i += 2) {
                exchange.getResponseHeaders()
                        .add(current.headers().get(i), current.headers().get(i + 1));
            }
            byte[] bytes = current.body().getBytes(UTF_8);
            exchange.sendResponseHeaders(current.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    static Receiver start() {
        return new Receiver();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers every following request so; headers as name, value, name, value... */
    Receiver answer(int status, String body, String... headers) {
        answer = new Answer(status, body, List.of(headers));
        return this;
    }

    Request take() {
        return take(Duration.ofSeconds(5));
    }

    Request take(Duration wait) {
        try {
            Request request = requests.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (request == null) {
                throw new AssertionError("no request arrived");
            }
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    int received() {
        return requests.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
