package home.connected.gateway;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import home.connected.testing.TestTokenIssuer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway on a random port in front of a {@link FakeBackend} (serving auth, query and alert)
 * and a JWKS from a {@link TestTokenIssuer}. Subclasses share one application context; the fake servers
 * live as long as the test JVM, as the cached context does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class GatewayTestSupport {

    static final FakeBackend BACKEND;
    static final TestTokenIssuer TOKENS = new TestTokenIssuer("gateway-test-key", "alice", "Alice");

    static {
        try {
            BACKEND = new FakeBackend();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** HTTP/1.1 as the gateway serves it: the default would offer an h2c upgrade on every new connection. */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @LocalServerPort
    int port;

    @Autowired
    home.connected.gateway.grpc.GatewayGrpcServer grpcServer;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("ch.gateway.backends.auth", BACKEND::target);
        registry.add("ch.gateway.backends.query", BACKEND::target);
        registry.add("ch.gateway.backends.alert", BACKEND::target);
        registry.add("ch.gateway.tokens.jwks-url", TOKENS::jwksUrl);
        registry.add("ch.gateway.auth-http-url", TOKENS::baseUrl);
        registry.add("ch.gateway.call-timeout", () -> "10s");
    }

    @BeforeEach
    void resetBackend() {
        BACKEND.reset();
    }

    /** A whole (non-streaming) exchange. */
    HttpResponse<String> send(String method, String path, String token, String body) {
        HttpRequest.Builder request = request(method, path, body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A request to the gateway, a JSON body when one is given, for the caller to add headers to. */
    HttpRequest.Builder request(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return request;
    }

    <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return HTTP.send(request.build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens a response as a stream (for Server-Sent Events); the caller closes it. */
    HttpResponse<InputStream> open(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/event-stream")
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    static JsonObject json(HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    /** The google.rpc-style error of a response, checked for shape. */
    static JsonObject error(HttpResponse<String> response) {
        JsonObject error = json(response).getAsJsonObject("error");
        if (error == null
                || error.get("code").getAsInt() != response.statusCode()
                || error.get("message").getAsString().isBlank()) {
            throw new AssertionError("not an error body for " + response.statusCode() + ": " + response.body());
        }
        return error;
    }
}
