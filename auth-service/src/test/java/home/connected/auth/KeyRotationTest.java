package home.connected.auth;

import static home.connected.auth.LifecycleTest.login;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Empty;
import home.connected.auth.token.SigningKeys;
import home.connected.contracts.auth.v1.AuthServiceGrpc;
import home.connected.tokens.JwksKeySource;
import home.connected.tokens.TokenVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

class KeyRotationTest extends AuthServiceIntegrationTest {

    @LocalServerPort
    int httpPort;

    @Autowired
    SigningKeys signingKeys;

    @Test
    void aRotatedKeySignsNewTokensWhileTokensOfTheOldKeyStayValid() throws Exception {
        AuthServiceGrpc.AuthServiceBlockingStub auth = AuthServiceGrpc.newBlockingStub(channel());
        String before = auth.login(login(ADMIN, ADMIN_PASSWORD)).getAccessToken();

        signingKeys.rotate();
        String after = auth.login(login(ADMIN, ADMIN_PASSWORD)).getAccessToken();

        assertThat(kid(after)).isNotEqualTo(kid(before));
        String jwks = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(jwksUri()).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(jwks).contains(kid(before), kid(after)).doesNotContain("\"d\"");
        TokenVerifier gatewayStyle = new TokenVerifier(
                new JwksKeySource(jwksUri(), Duration.ofMinutes(5), Duration.ofSeconds(10)),
                "connected-home-auth",
                "connected-home",
                Duration.ofSeconds(30));
        assertThat(gatewayStyle.verify(before).subject()).isEqualTo(ADMIN);
        assertThat(gatewayStyle.verify(after).subject()).isEqualTo(ADMIN);
        assertThat(withToken(AuthServiceGrpc.newBlockingStub(channel()), before)
                        .getMe(Empty.getDefaultInstance())
                        .getUsername())
                .isEqualTo(ADMIN);
    }

    private URI jwksUri() {
        return URI.create("http://127.0.0.1:" + httpPort + "/.well-known/jwks.json");
    }

    private static String kid(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }
}
