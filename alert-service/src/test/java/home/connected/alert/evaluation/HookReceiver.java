package home.connected.alert.evaluation;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An HTTP receiver on loopback that keeps every body it is sent and answers 200. */
final class HookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    HookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                bodies.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The status (firing or resolved) of every notification about {@code device}, in arrival order. */
    List<String> told(String device) {
        return bodies.stream()
                .filter(body -> body.contains("\"device\":\"" + device + "\""))
                .map(body -> body.contains("\"status\":\"resolved\"") ? "resolved" : "firing")
                .toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
