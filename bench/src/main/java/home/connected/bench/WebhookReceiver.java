package home.connected.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * A local receiver of Alertmanager webhook JSON (version 4) on 127.0.0.1: every POST's arrival time is
 * taken before the body is parsed, then each entry of {@code alerts[]} goes to the listener with the path
 * it came to (the marker telling our notifications from the peer's).
 */
final class WebhookReceiver implements AutoCloseable {

    /** One entry of a notification's {@code alerts[]}. */
    record Received(String path, String status, String device, String sensor, String value, long arrivedNanos) {}

    interface Listener {
        void received(Received alert);
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final AtomicLong malformed = new AtomicLong();
    private volatile Listener listener = alert -> {};

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    void listener(Listener listener) {
        this.listener = listener;
    }

    /** The URL of one marker path, e.g. {@code url("/hook")}. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    long malformed() {
        return malformed.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
        try {
            JsonNode root = Mqtt.JSON.readTree(body);
            for (JsonNode alert : root.path("alerts")) {
                JsonNode labels = alert.path("labels");
                listener.received(new Received(
                        path,
                        alert.path("status").asString(root.path("status").asString("")),
                        labels.path("device").asString(""),
                        labels.path("sensor").asString(""),
                        alert.path("annotations").path("value").asString(""),
                        arrived));
            }
        } catch (RuntimeException e) {
            malformed.incrementAndGet();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
