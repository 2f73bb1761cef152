package home.connected.system;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import home.connected.contracts.auth.v1.LoginRequest;
import home.connected.contracts.auth.v1.TokenPair;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The gateway's REST API as a browser or a script sees it: JSON over HTTP. */
public final class Rest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;

    public Rest(int port) {
        this.port = port;
    }

    public HttpResponse<String> call(String method, String path, String token, Message body) {
        try {
            String json = body == null ? "" : JsonFormat.printer().print(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(json));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Calls and parses a 200 answer into the message type; anything else fails the test. */
    public <T extends Message.Builder> T ok(String method, String path, String token, Message body, T into) {
        HttpResponse<String> response = call(method, path, token, body);
        if (response.statusCode() != 200) {
            throw new AssertionError(
                    method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            JsonFormat.parser().ignoringUnknownFields().merge(response.body(), into);
            return into;
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("not the expected JSON: " + response.body(), e);
        }
    }

    /** Signs in over REST and answers the access token. */
    public String login(String username, String password) {
        return ok(
                        "POST",
                        "/api/v1/auth/login",
                        null,
                        LoginRequest.newBuilder()
                                .setUsername(username)
                                .setPassword(password)
                                .build(),
                        TokenPair.newBuilder())
                .getAccessToken();
    }

    public HttpClient client() {
        return HTTP;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
