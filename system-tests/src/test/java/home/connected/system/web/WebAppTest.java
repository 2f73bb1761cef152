package home.connected.system.web;

import static home.connected.system.DevicePublisher.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import home.connected.contracts.alert.v1.Comparison;
import home.connected.contracts.alert.v1.ListAlertsResponse;
import home.connected.contracts.alert.v1.Rule;
import home.connected.contracts.alert.v1.SensorSelector;
import home.connected.contracts.alert.v1.Severity;
import home.connected.contracts.alert.v1.Threshold;
import home.connected.contracts.auth.v1.CreateUserRequest;
import home.connected.contracts.auth.v1.User;
import home.connected.contracts.query.v1.Aggregate;
import home.connected.contracts.query.v1.GetSeriesRequest;
import home.connected.contracts.query.v1.GetSeriesResponse;
import home.connected.contracts.query.v1.ListSensorsResponse;
import home.connected.contracts.query.v1.SensorKey;
import home.connected.contracts.query.v1.Series;
import home.connected.system.DevicePublisher;
import home.connected.system.Rest;
import home.connected.system.web.Browser.Size;
import home.connected.system.web.Browser.Theme;
import home.connected.testing.RunningSystem;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The web app in headless Chromium against the whole running system: the gateway serves it, the
 * services behind it answer, devices publish over MQTT. One system and one browser for the class;
 * each test starts signed out, and fails when the console shows a CSP refusal or an uncaught error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebAppTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String ROOT_PAGES_NEED_SIGN_IN = "ch-login form";

    private RunningSystem system;
    private Rest rest;
    private String adminToken;
    private Browser browser;

    @BeforeAll
    void start() {
        // A test suite signs in and reloads pages far faster than a household: no rate limits to speak of.
        system = new RunningSystem(
                "web-test",
                UUID.randomUUID().toString().substring(0, 8),
                Map.of(
                        "gateway-service",
                        Map.of(
                                "ch.gateway.login-rate-limit.burst", "1000",
                                "ch.gateway.login-rate-limit.per-minute", "1000",
                                "ch.gateway.refresh-rate-limit.burst", "1000",
                                "ch.gateway.refresh-rate-limit.per-minute", "1000")));
        rest = new Rest(system.gatewayHttp());
        adminToken = rest.login(system.adminUser(), system.adminPassword());
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
        browser.size(Size.DESKTOP).theme(Theme.LIGHT).forgetSession();
    }

    @AfterEach
    void nothingBrokeInThePage() {
        assertThat(browser.problems())
                .as("CSP refusals and uncaught errors in the console")
                .isEmpty();
    }

    @Test
    void anAdminSignsInAndSeesTheShell() {
        browser.signIn(system.adminUser(), system.adminPassword());

        assertThat(browser.waitFor("nav#nav").findElements(By.cssSelector("a")))
                .extracting(WebElement::getText)
                .contains("Home", "Account");
        assertThat(browser.shows(ROOT_PAGES_NEED_SIGN_IN)).isFalse();
    }

    @Test
    void aWrongPasswordShowsTheServersMessageAndStaysOnTheSignInPage() {
        String serverSays = errorMessageOf(rest.call(
                "POST",
                "/api/v1/auth/login",
                null,
                home.connected.contracts.auth.v1.LoginRequest.newBuilder()
                        .setUsername(system.adminUser())
                        .setPassword("not-the-password")
                        .build()));

        browser.submitSignIn(system.adminUser(), "not-the-password-either");

        assertThat(browser.waitFor("ch-login .error[role=alert]").getText()).isEqualTo(serverSays);
        assertThat(browser.shows("ch-login form")).isTrue();
        assertThat(browser.shows("header.bar")).isFalse();
    }

    @Test
    void withoutTheServerThePageSaysItCannotReachIt() {
        browser.cdp("Network.enable", Map.of());
        browser.cdp("Network.setBlockedURLs", Map.of("urls", List.of("*/api/*")));
        try {
            browser.open("/");
            assertThat(browser.waitFor(".error[role=alert]").getText()).contains("Cannot reach Connected Home");

            browser.submitSignIn(system.adminUser(), system.adminPassword());
            await().atMost(Browser.PATIENCE)
                    .until(() -> browser.all("ch-login .error[role=alert]").stream()
                            .anyMatch(e -> e.getText().contains("Cannot reach Connected Home")));
            assertThat(browser.shows("header.bar")).isFalse();
        } finally {
            browser.cdp("Network.setBlockedURLs", Map.of("urls", List.of()));
        }
    }

    @Test
    void aLiveTileShowsTheNewestValueWithoutAReload() throws Exception {
        String device = unique("live");
        String tile = "article.tile[data-sensor=\"" + device + "/bme280/temperature\"] .value";
        try (DevicePublisher publisher = DevicePublisher.provision(rest, adminToken, device)) {
            publisher.publish(readings(reading("temperature", 21.5, "°C", Instant.now())));
            awaitCatalogue(device, 1);

            browser.signIn(system.adminUser(), system.adminPassword());
            await().atMost(PATIENCE).until(() -> textOf(tile).contains("21.5"));
            browser.script("window.chSamePage = true");

            awaitLive(publisher, tile, 23.5);
        }
        assertThat(browser.script("return window.chSamePage === true")).isEqualTo(true);
    }

    @Test
    void aHiddenTabLetsGoOfItsStreamsAndCatchesUpWhenShownAgain() throws Exception {
        String device = unique("hidden");
        String tile = "article.tile[data-sensor=\"" + device + "/bme280/temperature\"] .value";
        try (DevicePublisher publisher = DevicePublisher.provision(rest, adminToken, device)) {
            publisher.publish(readings(reading("temperature", 21.5, "°C", Instant.now())));
            awaitCatalogue(device, 1);
            browser.signIn(system.adminUser(), system.adminPassword());
            awaitLive(publisher, tile, 22.5);

            visibility("hidden");
            publisher.publish(readings(reading("temperature", 25.5, "°C", Instant.now())));
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> !textOf(tile).contains("25.5"));

            visibility("visible");
            await().atMost(PATIENCE).until(() -> textOf(tile).contains("25.5"));
            awaitLive(publisher, tile, 26.5);
        }
    }

    /** The live stream subscribes asynchronously behind the gateway: publishes until the tile shows it. */
    private void awaitLive(DevicePublisher publisher, String tile, double value) {
        await().atMost(PATIENCE)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    publisher.publish(readings(reading("temperature", value, "°C", Instant.now())));
                    return textOf(tile).contains(String.valueOf(value));
                });
    }

    /** What a browser does when the tab goes to the background or comes back. */
    private void visibility(String state) {
        browser.script(
                "Object.defineProperty(document, 'visibilityState', {value: arguments[0], configurable: true});"
                        + " document.dispatchEvent(new Event('visibilitychange'));",
                state);
    }

    @Test
    void theExplorerZoomsEveryChartTogetherKeepsItsViewInTheUrlAndExportsTheApisNumbers() throws Exception {
        String device = unique("explore");
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            Instant time = start.plus(Duration.ofMinutes(10L * i));
            published.add(reading("temperature", 20 + (i % 5) * 0.5, "°C", time));
            published.add(reading("humidity", 40 + i, "%", time));
        }
        try (DevicePublisher publisher = DevicePublisher.provision(rest, adminToken, device)) {
            publisher.publish(readings(String.join(",", published)));
        }
        awaitCatalogue(device, 2);
        String temperature = device + "/bme280/temperature";
        String humidity = device + "/bme280/humidity";
        String view = "/explorer?sensors=" + temperature + "," + humidity + "&range=24h";

        browser.openSignedIn(view, system.adminUser(), system.adminPassword());
        await().atMost(PATIENCE).until(() -> browser.all("div.chart").size() == 2);
        assertThat(browser.location()).contains("range=24h");
        List<String> before = chartImages();

        WebElement over = browser.waitFor("div.chart .u-over");
        int width = over.getSize().getWidth();
        new Actions(browser.driver())
                .moveToElement(over, -width / 4, 0)
                .clickAndHold()
                .moveByOffset(width / 4, 0)
                .release()
                .perform();
        await().atMost(PATIENCE).until(() -> browser.location().contains("from="));
        Instant from = Instant.parse(queryParameter("from"));
        Instant to = Instant.parse(queryParameter("to"));
        assertThat(Duration.between(from, to)).isLessThan(Duration.ofHours(24)).isPositive();
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<String> after = chartImages();
            for (int chart = 0; chart < before.size(); chart++) {
                assertThat(after.get(chart))
                        .as("chart %d redrawn for the zoomed range", chart)
                        .isNotEqualTo(before.get(chart));
            }
        });

        browser.waitFor("button.reset-zoom").click();
        await().atMost(PATIENCE)
                .until(() -> browser.location().contains("range=24h")
                        && !browser.location().contains("from="));

        // The same URL again, as a reload or a shared link: the same view comes back.
        browser.openSignedIn(browser.location(), system.adminUser(), system.adminPassword());
        await().atMost(PATIENCE).until(() -> browser.all("div.chart").size() == 2);
        assertThat(browser.location())
                .contains("range=24h")
                .contains(temperature)
                .contains(humidity);
        for (String sensor : List.of(temperature, humidity)) {
            assertThat(browser.waitFor("input[type=checkbox][data-sensor=\"" + sensor + "\"]")
                            .isSelected())
                    .as("%s still chosen after a reload", sensor)
                    .isTrue();
        }

        browser.waitFor(".csv-export").click();
        Path csv = browser.awaitDownload(".csv");
        assertThat(csv.getFileName().toString()).startsWith("connected-home-");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("time,device,sensor,quantity,unit,mean,min,max,room");
        Map<String, List<Double>> exported = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertThat(cells[0]).as("times in UTC ISO-8601").endsWith("Z");
            if (!cells[5].isEmpty()) {
                exported.computeIfAbsent(cells[1] + "/" + cells[2] + "/" + cells[3], k -> new ArrayList<>())
                        .add(Double.parseDouble(cells[5]));
            }
        }
        // Ten minutes between readings and a window shorter than that for 24 h on a desktop: one reading a row.
        for (String sensor : List.of(temperature, humidity)) {
            assertThat(exported.get(sensor)).as(sensor).isEqualTo(apiMeans(sensor, start));
        }
    }

    @Test
    void anAdminProvisionsADeviceSeesItsPasswordOnceAndItsTileAppears() throws Exception {
        String device = unique("new");
        browser.openSignedIn("/admin/devices", system.adminUser(), system.adminPassword());
        WebElement form = browser.waitFor("form.provision");
        form.findElement(By.name("deviceId")).sendKeys(device);
        form.findElement(By.name("displayName")).sendKeys("Hall sensor");
        form.findElement(By.name("location")).sendKeys("hall");
        form.findElement(By.cssSelector("button[type=submit]")).click();

        String username =
                browser.waitFor(".credentials [data-field=username]").getText().strip();
        String password =
                browser.waitFor(".credentials [data-field=password]").getText().strip();
        assertThat(username).isNotBlank();
        assertThat(password).isNotBlank();

        try (DevicePublisher publisher = DevicePublisher.connect(device, username, password)) {
            publisher.publish(readings(reading("temperature", 19.5, "°C", Instant.now())));
        }
        awaitCatalogue(device, 1);

        browser.open("/admin/devices");
        browser.waitFor("form.provision");
        assertThat(browser.driver().getPageSource())
                .as("the password is shown only once")
                .doesNotContain(password);

        browser.open("/");
        await().atMost(PATIENCE)
                .until(() -> textOf("article.tile[data-sensor=\"" + device + "/bme280/temperature\"] .value")
                        .contains("19.5"));
    }

    @Test
    void aGuestSeesNoAdminAndNoEditControls() throws Exception {
        String device = unique("freezer");
        rest.ok(
                "POST",
                "/api/v1/alert-rules",
                adminToken,
                Rule.newBuilder()
                        .setName("Freezer too warm " + device)
                        .setEnabled(true)
                        .setSelector(
                                SensorSelector.newBuilder().setDeviceId(device).setQuantity("temperature"))
                        .setThreshold(Threshold.newBuilder()
                                .setComparison(Comparison.COMPARISON_ABOVE)
                                .setValue(-15))
                        .setSeverity(Severity.SEVERITY_CRITICAL)
                        .build(),
                Rule.newBuilder());
        try (DevicePublisher freezer = DevicePublisher.provision(rest, adminToken, device)) {
            freezer.publish(readings(reading("temperature", -5, "°C", Instant.now())));
        }
        await().atMost(PATIENCE)
                .until(
                        () -> rest
                                .ok("GET", "/api/v1/alerts", adminToken, null, ListAlertsResponse.newBuilder())
                                .getAlertsList()
                                .stream()
                                .anyMatch(alert -> alert.toString().contains(device)));
        // The controls a guest must not get are there for an admin.
        browser.signIn(system.adminUser(), system.adminPassword());
        browser.open("/alerts");
        awaitAlertsShown(device);
        assertThat(browser.all("main#main button"))
                .extracting(WebElement::getText)
                .anyMatch(text -> text.contains("Acknowledge"));
        browser.forgetSession();

        signInAsGuest();
        assertThat(browser.waitFor("nav#nav").findElements(By.cssSelector("a")))
                .extracting(WebElement::getText)
                .doesNotContain("Admin");

        browser.open("/admin");
        browser.waitFor("header.bar");
        await().atMost(Browser.PATIENCE).until(() -> textOf("main").contains("You do not have permission"));

        browser.open("/alerts");
        awaitAlertsShown(device);
        assertThat(browser.all("main#main button"))
                .extracting(WebElement::getText)
                .noneMatch(
                        text -> text.contains("Acknowledge") || text.contains("Silence") || text.contains("New rule"));
        assertThat(browser.all("main#main a"))
                .extracting(WebElement::getText)
                .noneMatch(text -> text.contains("New rule"));
    }

    @Test
    void aGuestSeesATileGoOfflineAndBackWhenItsDeviceSaysSo() throws Exception {
        String device = unique("status");
        String tile = "article.tile[data-sensor=\"" + device + "/bme280/temperature\"]";
        try (DevicePublisher publisher = DevicePublisher.provision(rest, adminToken, device)) {
            publisher.status("online");
            publisher.publish(readings(reading("temperature", 20.5, "°C", Instant.now())));
            awaitCatalogue(device, 1);
            try {
                signInAsGuest();
                browser.open("/");
                await().atMost(PATIENCE).until(() -> textOf(tile + " .value").contains("20.5"));
                assertThat(classOf(tile)).contains("tile").doesNotContain("offline");

                publisher.status("offline");
                await().atMost(PATIENCE)
                        .until(() -> classOf(tile).contains("offline")
                                && textOf(tile).contains("offline"));

                publisher.status("online");
                await().atMost(PATIENCE).until(() -> {
                    String classes = classOf(tile);
                    return classes.contains("tile") && !classes.contains("offline");
                });
            } finally {
                publisher.status("");
            }
        }
    }

    /** Signs in as a new user of the built-in "guests" group (readings:read, alerts:read). */
    private void signInAsGuest() {
        String guest = unique("guest");
        String password = UUID.randomUUID().toString();
        rest.ok(
                "POST",
                "/api/v1/users",
                adminToken,
                CreateUserRequest.newBuilder()
                        .setUsername(guest)
                        .setDisplayName("A guest")
                        .setPassword(password)
                        .addGroups("guests")
                        .build(),
                User.newBuilder());
        browser.signIn(guest, password);
    }

    private void awaitAlertsShown(String device) {
        await().atMost(PATIENCE).until(() -> {
            String text = textOf("main#main");
            return !text.contains("Loading") && text.contains(device);
        });
    }

    /** First, so the home page it shows holds only its furnished rooms. */
    @Test
    @Order(1)
    void everyPageAtPhoneAndDesktopSizeInLightAndDarkPassesAxe() throws Exception {
        String living = furnish("Living room", "Sofa sensor", 21.0, 45);
        String kitchen = furnish("Kitchen", "Kitchen sensor", 22.5, 55);
        furnish("Kids' room", "Night light", 20.0, 50);
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("home", "/");
        pages.put(
                "explorer",
                "/explorer?sensors=" + living + "/bme280/temperature," + kitchen + "/bme280/temperature," + living
                        + "/bme280/humidity&range=24h");
        pages.put("alerts", "/alerts");
        pages.put("admin", "/admin/devices");
        pages.put("account", "/account");

        List<String> violations = new ArrayList<>();
        for (Size size : Size.values()) {
            for (Theme theme : Theme.values()) {
                browser.size(size).theme(theme).forgetSession();
                check("login-" + size.label() + "-" + theme.label(), violations);
                browser.signIn(system.adminUser(), system.adminPassword());
                for (Map.Entry<String, String> page : pages.entrySet()) {
                    browser.open(page.getValue());
                    browser.waitFor("header.bar");
                    await().atMost(Browser.PATIENCE)
                            .until(() -> !textOf("main#main").contains("Loading"));
                    check(page.getKey() + "-" + size.label() + "-" + theme.label(), violations);
                }
            }
        }
        assertThat(violations)
                .as("serious or critical accessibility violations")
                .isEmpty();
    }

    @Test
    void theAppIsServedWithAContentSecurityPolicyAndRunsWithinIt() {
        HttpResponse<String> index = rest.call("GET", "/", null, null);
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .contains("default-src 'self'")
                        .contains("script-src 'self'")
                        .doesNotContain("unsafe-inline")
                        .doesNotContain("unsafe-eval"));
        assertThat(index.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        browser.signIn(system.adminUser(), system.adminPassword());
        browser.open("/account");
        browser.waitFor("header.bar");
        // A probe: the page's own policy must refuse an inline script, and the console must say so.
        browser.script("const s = document.createElement('script'); s.textContent = 'window.chInline = 1';"
                + " document.head.appendChild(s);");
        assertThat(browser.script("return window.chInline === undefined")).isEqualTo(true);
        assertThat(browser.problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("Content Security Policy"));
    }

    /**
     * A device in {@code room} with a day of temperature and humidity every 30 minutes, on a daily
     * curve, so the screenshots show what a household sees.
     */
    private String furnish(String room, String name, double temperature, double humidity) throws Exception {
        String device = unique("room");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        try (DevicePublisher publisher = DevicePublisher.provision(rest, adminToken, device, name, room)) {
            List<String> day = new ArrayList<>();
            for (int i = 48; i >= 0; i--) {
                Instant time = now.minus(Duration.ofMinutes(30L * i));
                double curve = Math.sin(2 * Math.PI * i / 48.0);
                day.add(reading("temperature", Math.round((temperature + 1.5 * curve) * 10) / 10.0, "°C", time));
                day.add(reading("humidity", Math.round(humidity - 5 * curve), "%", time));
                if (day.size() >= 40 || i == 0) {
                    publisher.publish(readings(String.join(",", day)));
                    day.clear();
                }
            }
        }
        awaitCatalogue(device, 2);
        return device;
    }

    private void check(String name, List<String> violations) {
        browser.screenshot(name);
        for (Map<String, Object> violation : browser.axe()) {
            violations.add(name + ": " + violation);
        }
    }

    /** The API's means of one sensor since {@code start} at one reading per window, oldest first. */
    private List<Double> apiMeans(String sensor, Instant start) {
        String[] parts = sensor.split("/");
        GetSeriesResponse response = rest.ok(
                        "POST",
                        "/api/v1/readings:series",
                        adminToken,
                        GetSeriesRequest.newBuilder()
                                .addSensors(SensorKey.newBuilder()
                                        .setDeviceId(parts[0])
                                        .setSensor(parts[1])
                                        .setQuantity(parts[2]))
                                .setStart(Timestamps.fromMillis(start.toEpochMilli()))
                                .setEnd(Timestamps.fromMillis(Instant.now().toEpochMilli()))
                                .setWindow(Durations.fromMinutes(1))
                                .setAggregate(Aggregate.AGGREGATE_MEAN)
                                .build(),
                        GetSeriesResponse.newBuilder())
                .build();
        Series series = response.getSeries(0);
        return series.getPointsList().stream().map(point -> point.getValue()).toList();
    }

    /** Each chart's canvas as an image, in page order. */
    @SuppressWarnings("unchecked")
    private List<String> chartImages() {
        return (List<String>) browser.script(
                "return [...document.querySelectorAll('div.chart')].map((c) => c.querySelector('canvas').toDataURL())");
    }

    private String queryParameter(String name) {
        return (String) browser.script("return new URLSearchParams(location.search).get(arguments[0])", name);
    }

    private String textOf(String css) {
        return browser.all(css).stream().map(WebElement::getText).findFirst().orElse("");
    }

    private String classOf(String css) {
        return browser.all(css).stream()
                .map(element -> element.getAttribute("class"))
                .findFirst()
                .orElse("");
    }

    private void awaitCatalogue(String device, int sensors) {
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> rest.ok(
                                        "GET",
                                        "/api/v1/sensors?filter.deviceId=" + device,
                                        adminToken,
                                        null,
                                        ListSensorsResponse.newBuilder())
                                .getSensorsCount(),
                        count -> count == sensors);
    }

    private static String errorMessageOf(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        java.util.regex.Matcher message = java.util.regex.Pattern.compile("\"message\"\\s*:\\s*\"([^\"]*)\"")
                .matcher(response.body());
        assertThat(message.find()).as("an error message in %s", response.body()).isTrue();
        return message.group(1);
    }

    private static String readings(String readings) {
        return "{\"location\":\"kitchen\",\"readings\":[" + readings + "]}";
    }

    private static String unique(String prefix) {
        return "web-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }
}
