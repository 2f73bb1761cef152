package home.connected.alert.notification;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP receiver on 127.0.0.1: records every request with the test clock's time of arrival
 * and answers with the statuses the test lined up (200 once they are used up).
 */
final class WebhookReceiver implements AutoCloseable {

    record Arrival(Instant at, String idempotencyKey, String body) {}

    record Answer(int status, String retryAfter) {}

    private final HttpServer server;
    private final Clock clock;
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();

    WebhookReceiver(Clock clock) throws IOException {
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    void answer(int status) {
        answers.add(new Answer(status, null));
    }

    void answer(int status, String retryAfter) {
        answers.add(new Answer(status, retryAfter));
    }

    /** Answers the request with this Idempotency-Key (once it arrived) only after {@code release} opens. */
    void hold(String idempotencyKey, CountDownLatch release) {
        holds.put(idempotencyKey, release);
    }

    List<Arrival> arrivals() {
        return new ArrayList<>(arrivals);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            arrivals.add(new Arrival(
                    clock.instant(),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    new String(body.readAllBytes(), StandardCharsets.UTF_8)));
        }
        CountDownLatch hold = holds.get(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
        if (hold != null) {
            try {
                hold.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Answer answer = answers.poll();
        int status = answer == null ? 200 : answer.status();
        if (answer != null && answer.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
