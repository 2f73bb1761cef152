package home.connected.system.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import home.connected.testing.RunningSystem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

/**
 * A browser session outlives its access token: with tokens of 40 s the app keeps working past their
 * expiry by refreshing through the HttpOnly cookie, which the page's scripts cannot read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenRefreshTest {

    // The app refreshes 30 s before expiry; 40 s leaves it 10 s of a token before each refresh.
    private static final Duration ACCESS_TOKEN_TTL = Duration.ofSeconds(40);

    private RunningSystem system;
    private Browser browser;

    @BeforeAll
    void start() {
        system = new RunningSystem(
                "web-refresh-test",
                UUID.randomUUID().toString().substring(0, 8),
                Map.of(
                        "auth-service",
                        Map.of("ch.auth.tokens.access-token-ttl", ACCESS_TOKEN_TTL.toSeconds() + "s"),
                        "gateway-service",
                        Map.of(
                                "ch.gateway.login-rate-limit.burst", "1000",
                                "ch.gateway.login-rate-limit.per-minute", "1000",
                                "ch.gateway.refresh-rate-limit.burst", "1000",
                                "ch.gateway.refresh-rate-limit.per-minute", "1000")));
        browser = new Browser(system.gatewayHttp());
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.forgetSession();
    }

    @Test
    void pastTheAccessTokensExpiryTheAppStillLoadsDataWithoutAskingToSignIn() {
        browser.open("/").signIn(system.adminUser(), system.adminPassword());
        Instant signedIn = Instant.now();
        browser.script("window.chSamePage = true");

        await().atMost(ACCESS_TOKEN_TTL.multipliedBy(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() ->
                        Instant.now().isAfter(signedIn.plus(ACCESS_TOKEN_TTL).plusSeconds(5))
                                && browser.shows("header.bar"));
        assertThat(refreshesSoFar()).as("refreshes through the cookie").isPositive();

        browser.driver()
                .findElement(By.cssSelector("nav#nav a[href='/account']"))
                .click();
        await().atMost(Browser.PATIENCE)
                .until(() -> browser.all("main#main").stream()
                        .anyMatch(main -> main.getText().contains(system.adminUser())));
        assertThat(browser.shows("ch-login form")).isFalse();
        assertThat(browser.script("return window.chSamePage === true"))
                .as("no page load")
                .isEqualTo(true);
        assertThat(browser.problems()).isEmpty();
    }

    @Test
    void theRefreshTokenIsAnHttpOnlyCookieThePageCannotRead() {
        browser.open("/");
        if (!browser.shows("header.bar")) {
            browser.signIn(system.adminUser(), system.adminPassword());
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cookies = (List<Map<String, Object>>)
                browser.cdp("Network.getAllCookies", Map.of()).get("cookies");
        Map<String, Object> refresh = cookies.stream()
                .filter(cookie -> "ch_refresh".equals(cookie.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ch_refresh cookie among " + cookies));
        assertThat(refresh.get("httpOnly")).isEqualTo(true);
        assertThat(refresh.get("sameSite")).isEqualTo("Strict");
        assertThat(refresh.get("path")).isEqualTo("/api/v1/auth");
        String value = (String) refresh.get("value");
        assertThat(value).isNotBlank();
        assertThat((String) browser.script("return document.cookie")).doesNotContain(value);

        // And a reload keeps the session: the app signs in again from the cookie.
        browser.open("/account");
        browser.waitFor("header.bar");
        assertThat(browser.shows("ch-login form")).isFalse();
    }

    private long refreshesSoFar() {
        return (Long)
                browser.script(
                        "return performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/v1/auth/refresh')).length");
    }
}
