package home.connected.system.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import home.connected.system.Rest;
import home.connected.testing.ServiceProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code CH_OTLP_ENDPOINT} set the gateway exports its spans there over OTLP/HTTP, sampled as
 * {@code CH_TRACING_SAMPLING} says. The receiver is a plain HTTP server that keeps what it is sent.
 */
class OtlpExportTest {

    private final List<Export> exports = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private ServiceProcess gateway;

    record Export(String path, String contentType, byte[] body) {}

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            exports.add(new Export(
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
        receiver.stop(0);
    }

    @Test
    void theGatewaysSpansGoToTheConfiguredEndpointAtTheConfiguredSampling() throws Exception {
        // backends that are not there: the gateway answers the request itself (no token: 401)
        int nobody = ServiceProcess.freePort();
        gateway = ServiceProcess.of("gateway-service")
                .properties(Map.of("ch.gateway.grpc.port", String.valueOf(ServiceProcess.freePort())))
                .environment(Map.of(
                        "CH_OTLP_ENDPOINT",
                        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/v1/traces",
                        "CH_TRACING_SAMPLING",
                        "1.0",
                        "CH_AUTH_GRPC_TARGET",
                        "127.0.0.1:" + nobody,
                        "CH_QUERY_GRPC_TARGET",
                        "127.0.0.1:" + nobody,
                        "CH_ALERT_GRPC_TARGET",
                        "127.0.0.1:" + nobody,
                        "CH_AUTH_JWKS_URL",
                        "http://127.0.0.1:" + nobody + "/.well-known/jwks.json",
                        "CH_GATEWAY_GRPC_ADDRESS",
                        "127.0.0.1"))
                .start();
        gateway.awaitReady();
        Rest rest = new Rest(gateway.httpPort());

        HttpResponse<String> response = rest.client()
                .send(
                        HttpRequest.newBuilder(rest.uri("/api/v1/sensors"))
                                .timeout(Duration.ofSeconds(30))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        byte[] traceId = HexFormat.of()
                .parseHex(response.headers().firstValue("X-Trace-Id").orElseThrow());
        // spans go out in batches, every 5 s by default
        Export export = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> exports.stream()
                                .filter(e -> contains(e.body(), traceId))
                                .findFirst(),
                        e -> e.isPresent())
                .orElseThrow();
        assertThat(export.path()).isEqualTo("/v1/traces");
        assertThat(export.contentType()).isEqualTo("application/x-protobuf");
    }

    private static boolean contains(byte[] body, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= body.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (body[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
