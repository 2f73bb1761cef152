package home.connected.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import home.connected.contracts.auth.v1.LogoutRequest;
import home.connected.contracts.auth.v1.RefreshRequest;
import home.connected.contracts.auth.v1.TokenPair;
import io.grpc.Status;
import java.net.HttpCookie;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrowserSessionTest extends GatewayTestSupport {

    private static final String LOGIN = "{\"username\":\"alice\",\"password\":\"secret\"}";
    private static final long THIRTY_DAYS = 2_592_000;

    @Test
    void signInInCookieModePutsTheRefreshTokenInAnHttpOnlyCookieOnly() throws Exception {
        BACKEND.answer("Login", pair("access-1", "refresh-1"));

        HttpResponse<String> response = send(browser("POST", "/api/v1/auth/login", LOGIN));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("accessToken").getAsString()).isEqualTo("access-1");
        assertThat(json(response).get("refreshToken").getAsString()).isEmpty();
        assertThat(json(response).get("refreshExpiresInSeconds").getAsLong()).isEqualTo(THIRTY_DAYS);
        assertThat(response.body()).doesNotContain("refresh-1");
        String setCookie = onlySetCookie(response);
        assertThat(setCookie)
                .startsWith("ch_refresh=refresh-1;")
                .contains("; Path=/api/v1/auth")
                .contains("; Max-Age=" + THIRTY_DAYS)
                .contains("; HttpOnly")
                .contains("; SameSite=Strict")
                .doesNotContain("Secure");
        assertThat(BACKEND.nextCall().method()).isEqualTo("Login");
    }

    @Test
    void theCookieIsSecureWhenTheBrowserCameOverTls() {
        BACKEND.answer("Login", pair("access-1", "refresh-1"));

        HttpResponse<String> response = send(browser("POST", "/api/v1/auth/login", LOGIN)
                .header("X-Forwarded-Proto", "https")
                .header("Origin", "https://127.0.0.1:" + port));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(onlySetCookie(response)).contains("; Secure");
    }

    @Test
    void refreshTakesTheTokenFromTheCookieAndRotatesIt() throws Exception {
        BACKEND.answer("Refresh", pair("access-2", "refresh-2"));

        HttpResponse<String> response =
                send(browser("POST", "/api/v1/auth/refresh", "{}").header("Cookie", "ch_refresh=refresh-1"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("accessToken").getAsString()).isEqualTo("access-2");
        assertThat(json(response).get("refreshToken").getAsString()).isEmpty();
        assertThat(onlySetCookie(response)).startsWith("ch_refresh=refresh-2;").contains("; HttpOnly");
        FakeBackend.Call call = BACKEND.nextCall();
        assertThat(RefreshRequest.parseFrom(call.request().toByteArray()).getRefreshToken())
                .isEqualTo("refresh-1");

        HttpResponse<String> noBody =
                send(browser("POST", "/api/v1/auth/refresh", null).header("Cookie", "ch_refresh=refresh-2"));
        assertThat(noBody.statusCode()).as("an absent body is an empty request").isEqualTo(200);
        assertThat(RefreshRequest.parseFrom(BACKEND.nextCall().request().toByteArray())
                        .getRefreshToken())
                .isEqualTo("refresh-2");
    }

    @Test
    void refreshWithoutACookieIsNotSignedInAndReachesNoBackend() {
        HttpResponse<String> response = send(browser("POST", "/api/v1/auth/refresh", "{}"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(error(response).get("status").getAsString()).isEqualTo("UNAUTHENTICATED");
        assertThat(error(response).get("message").getAsString()).isEqualTo("Not signed in");
        assertThat(BACKEND.callSoFar()).isNull();
    }

    @Test
    void aRefusedRefreshClearsTheCookie() {
        BACKEND.failWith("Refresh", Status.UNAUTHENTICATED.withDescription("the refresh token was already used"));

        HttpResponse<String> response =
                send(browser("POST", "/api/v1/auth/refresh", "{}").header("Cookie", "ch_refresh=spent"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(error(response).get("message").getAsString()).isEqualTo("the refresh token was already used");
        assertCleared(onlySetCookie(response));
    }

    @Test
    void signOutUsesTheCookieAndAlwaysClearsIt() throws Exception {
        HttpResponse<String> response =
                send(browser("POST", "/api/v1/auth/logout", "{}").header("Cookie", "ch_refresh=refresh-1"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}");
        assertCleared(onlySetCookie(response));
        assertThat(LogoutRequest.parseFrom(BACKEND.nextCall().request().toByteArray())
                        .getRefreshToken())
                .isEqualTo("refresh-1");

        BACKEND.failWith("Logout", Status.UNAUTHENTICATED.withDescription("the refresh token is not valid"));
        HttpResponse<String> refused =
                send(browser("POST", "/api/v1/auth/logout", "{}").header("Cookie", "ch_refresh=revoked"));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertCleared(onlySetCookie(refused));

        HttpResponse<String> withoutCookie = send(browser("POST", "/api/v1/auth/logout", "{}"));
        assertThat(withoutCookie.statusCode()).isEqualTo(401);
        assertCleared(onlySetCookie(withoutCookie));
    }

    @Test
    void signOutEverywhereTakesTheTokenFromTheCookieToo() throws Exception {
        HttpResponse<String> response = send(browser("POST", "/api/v1/auth/logout", "{\"everywhere\":true}")
                .header("Cookie", "ch_refresh=refresh-1"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertCleared(onlySetCookie(response));
        LogoutRequest received =
                LogoutRequest.parseFrom(BACKEND.nextCall().request().toByteArray());
        assertThat(received.getRefreshToken()).isEqualTo("refresh-1");
        assertThat(received.getEverywhere()).isTrue();
    }

    @Test
    void aTokenInTheBodyWinsOverTheCookie() throws Exception {
        send(browser("POST", "/api/v1/auth/logout", "{\"refreshToken\":\"from-body\"}")
                .header("Cookie", "ch_refresh=from-cookie"));

        assertThat(LogoutRequest.parseFrom(BACKEND.nextCall().request().toByteArray())
                        .getRefreshToken())
                .isEqualTo("from-body");
    }

    @Test
    void anotherOriginIsRefusedAndNothingChanges() {
        for (String origin : List.of("http://evil.example", "null", "https://127.0.0.1:" + port)) {
            HttpResponse<String> response = send(browser("POST", "/api/v1/auth/refresh", "{}")
                    .header("Cookie", "ch_refresh=refresh-1")
                    .header("Origin", origin));

            assertThat(response.statusCode()).as(origin).isEqualTo(403);
            assertThat(error(response).get("status").getAsString()).isEqualTo("PERMISSION_DENIED");
            assertThat(error(response).get("message").getAsString()).isEqualTo("Cross-site request refused");
            assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        }
        HttpResponse<String> forwarded = send(browser("POST", "/api/v1/auth/logout", "{}")
                .header("Cookie", "ch_refresh=refresh-1")
                .header("Origin", "http://127.0.0.1:" + port)
                .header("X-Forwarded-Host", "home.example")
                .header("X-Forwarded-Proto", "https"));
        assertThat(forwarded.statusCode())
                .as("behind a proxy the origin is the proxy's")
                .isEqualTo(403);
        assertThat(BACKEND.callSoFar()).isNull();

        HttpResponse<String> proxied = send(browser("POST", "/api/v1/auth/logout", "{}")
                .header("Cookie", "ch_refresh=refresh-1")
                .header("Origin", "https://home.example")
                .header("X-Forwarded-Host", "home.example")
                .header("X-Forwarded-Proto", "https"));
        assertThat(proxied.statusCode()).isEqualTo(200);
    }

    @Test
    void withoutTheHeaderClientsKeepTheTokenInTheBodyAndTheCookieIsIgnored() throws Exception {
        BACKEND.answer("Login", pair("access-1", "refresh-1"));
        HttpResponse<String> login = send("POST", "/api/v1/auth/login", null, LOGIN);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(json(login).get("refreshToken").getAsString()).isEqualTo("refresh-1");
        assertThat(login.headers().allValues("Set-Cookie")).isEmpty();

        BACKEND.failWith("Refresh", Status.INVALID_ARGUMENT.withDescription("refresh_token is required"));
        HttpResponse<String> refresh = send(request("POST", "/api/v1/auth/refresh", "{}")
                .header("Cookie", "ch_refresh=refresh-1")
                .header("Origin", "http://evil.example"));
        assertThat(refresh.statusCode()).isEqualTo(400);
        assertThat(refresh.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(BACKEND.nextCall().method()).isEqualTo("Login");
        assertThat(RefreshRequest.parseFrom(BACKEND.nextCall().request().toByteArray())
                        .getRefreshToken())
                .as("the cookie is never read without the header")
                .isEmpty();
    }

    private HttpRequest.Builder browser(String method, String path, String body) {
        return request(method, path, body).header("X-CH-Session", "cookie");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String onlySetCookie(HttpResponse<String> response) {
        List<String> cookies = response.headers().allValues("Set-Cookie");
        assertThat(cookies).hasSize(1);
        return cookies.get(0);
    }

    private static void assertCleared(String setCookie) {
        assertThat(setCookie)
                .startsWith("ch_refresh=;")
                .contains("; Path=/api/v1/auth")
                .contains("; Max-Age=0")
                .contains("; HttpOnly")
                .contains("; SameSite=Strict");
        assertThat(HttpCookie.parse(setCookie).get(0).getMaxAge()).isZero();
    }

    private static TokenPair pair(String access, String refresh) {
        return TokenPair.newBuilder()
                .setAccessToken(access)
                .setTokenType("Bearer")
                .setExpiresInSeconds(900)
                .setRefreshToken(refresh)
                .setRefreshExpiresInSeconds(THIRTY_DAYS)
                .build();
    }
}
