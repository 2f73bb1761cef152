package home.connected.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class WebAppServingTest extends GatewayTestSupport {

    private static final String ASSET = "/assets/app-4f3c2a1b.js";
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Test
    void hashedAssetsAreKeptForAYearAndEntryPointsAreRevalidated() {
        HttpResponse<String> asset = get(ASSET, "*/*");
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
        assertThat(asset.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");

        for (String path : List.of("/", "/index.html", "/sw.js", "/manifest.webmanifest")) {
            HttpResponse<String> entry = get(path, "*/*");
            assertThat(entry.statusCode()).as(path).isEqualTo(200);
            assertThat(entry.headers().firstValue("Cache-Control")).as(path).contains("no-cache");
        }
        assertThat(get("/manifest.webmanifest", "*/*").headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/manifest+json"));

        HttpResponse<String> missing = get("/assets/app-00000000.js", "*/*");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Cache-Control"))
                .as("a missing asset is not cached for a year")
                .isNotEqualTo(java.util.Optional.of("public, max-age=31536000, immutable"));
    }

    @Test
    void theAppsOwnPagesAnswerIndexHtmlToABrowser() {
        for (String path : List.of("/explorer", "/admin/users", "/alerts/rules/abc")) {
            HttpResponse<String> page = get(path, "text/html,application/xhtml+xml,*/*;q=0.8");
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).contains("<title>Connected Home</title>");
            assertThat(page.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(page.headers().firstValue("Cache-Control")).as(path).contains("no-cache");
        }
    }

    @Test
    void filesApisAndNonBrowserRequestsAreNotGivenTheApp() {
        String browser = "text/html,*/*;q=0.8";
        assertThat(get("/nope.js", browser).statusCode()).isEqualTo(404);
        assertThat(get("/assets/nothing", browser).statusCode()).isEqualTo(404);
        assertThat(get("/explorer", "application/json").statusCode())
                .as("only a browser navigating gets the app")
                .isEqualTo(404);
        assertThat(get("/explorer", "*/*").statusCode()).isEqualTo(404);

        HttpResponse<String> api = get("/api/v1/nothing-here", browser);
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(error(api).get("status").getAsString()).isEqualTo("NOT_FOUND");
        assertThat(get("/actuator/nothing", browser).statusCode()).isEqualTo(404);
        assertThat(get("/.well-known/nothing", browser).statusCode()).isEqualTo(404);
    }

    @Test
    void everyResponseCarriesTheSecurityHeadersAndHstsOnlyOverTls() {
        for (String path : List.of("/", ASSET, "/explorer", "/api/v1/sensors", "/nope.js")) {
            HttpResponse<String> response = get(path, "text/html");
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .as(path)
                    .contains(CSP);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).contains("no-referrer");
            assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(response.headers().firstValue("Permissions-Policy"))
                    .contains("camera=(), microphone=(), geolocation=()");
            assertThat(response.headers().firstValue("Cross-Origin-Opener-Policy"))
                    .contains("same-origin");
            assertThat(response.headers().firstValue("Strict-Transport-Security"))
                    .as("plain HTTP")
                    .isEmpty();
        }
        HttpResponse<String> behindTls = send(
                request("GET", "/", null).header("X-Forwarded-Proto", "https"), HttpResponse.BodyHandlers.ofString());
        assertThat(behindTls.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000");
    }

    @Test
    void textIsGzippedForClientsThatAcceptIt() throws IOException {
        HttpResponse<byte[]> gzipped = send(
                request("GET", ASSET, null).header("Accept-Encoding", "gzip"), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
        String original = get(ASSET, "*/*").body();
        assertThat(gzipped.body().length).isLessThan(original.length());
        try (InputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertThat(new String(unzipped.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(original);
        }

        HttpResponse<byte[]> plain = send(request("GET", ASSET, null), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();

        HttpResponse<byte[]> openApi = send(
                request("GET", "/api/openapi.json", null).header("Accept-Encoding", "gzip"),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(openApi.headers().firstValue("Content-Encoding"))
                .as("JSON is compressed too")
                .contains("gzip");
    }

    private HttpResponse<String> get(String path, String accept) {
        return send(request("GET", path, null).header("Accept", accept), HttpResponse.BodyHandlers.ofString());
    }
}
