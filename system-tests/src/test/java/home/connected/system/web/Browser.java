package home.connected.system.web;

import home.connected.testing.DebianChromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, on a fresh profile deleted on close,
 * pointed at one origin. Collects the console so a test can fail on a CSP violation or an uncaught
 * error, takes screenshots into {@code target/screenshots} and runs axe-core on the page.
 */
final class Browser implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    enum Size {
        PHONE(360, 780, true),
        DESKTOP(1280, 900, false);

        final int width;
        final int height;
        final boolean mobile;

        Size(int width, int height, boolean mobile) {
            this.width = width;
            this.height = height;
            this.mobile = mobile;
        }

        String label() {
            return name().toLowerCase();
        }
    }

    enum Theme {
        LIGHT,
        DARK;

        String label() {
            return name().toLowerCase();
        }
    }

    /** One console message that makes a page broken: a CSP refusal or an error nobody caught. */
    record Problem(String level, String message) {}

    private final String origin;
    private final Path profile;
    private final Path downloads;
    private final ChromeDriver driver;

    Browser(int port) {
        DebianChromium.requireInstalled("the browser tests");
        origin = "http://127.0.0.1:" + port;
        try {
            profile = Files.createTempDirectory("ch-browser-profile");
            downloads = Files.createTempDirectory("ch-browser-downloads");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = DebianChromium.headless(profile, Size.DESKTOP.width, Size.DESKTOP.height);
        options.setExperimentalOption(
                "prefs",
                Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        driver = DebianChromium.start(options);
        driver.manage().timeouts().scriptTimeout(PATIENCE);
        driver.executeCdpCommand(
                "Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        size(Size.DESKTOP);
        theme(Theme.LIGHT);
    }

    String origin() {
        return origin;
    }

    WebDriver driver() {
        return driver;
    }

    /** Loads {@code path} (with its query) of the app, as typing it into the address bar does. */
    Browser open(String path) {
        driver.get(origin + path);
        return this;
    }

    /** The location's path and query. */
    String location() {
        return (String) script("return location.pathname + location.search");
    }

    /** The viewport: exactly the preset's size, as a phone or as a desktop. */
    Browser size(Size size) {
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of(
                        "width", size.width,
                        "height", size.height,
                        "deviceScaleFactor", 1,
                        "mobile", size.mobile));
        return this;
    }

    /** What the system prefers ({@code prefers-color-scheme}); the app follows it unless told otherwise. */
    Browser theme(Theme theme) {
        driver.executeCdpCommand(
                "Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", theme.label()))));
        return this;
    }

    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** axe-core's violations of impact serious or critical on the page as it is now: id, impact, help, targets. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> axe() {
        if (!Boolean.TRUE.equals(script("return typeof window.axe === 'object'"))) {
            script(axeSource());
        }
        Object result = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                  .then((results) => done(results.violations
                    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                    .map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                                   targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 10) }))))
                  .catch((e) => done([{ id: 'axe-failed', impact: 'critical', help: String(e), targets: [] }]));
                """);
        return (List<Map<String, Object>>) result;
    }

    /** Every CSP refusal and uncaught error the console showed since the last call. */
    List<Problem> problems() {
        List<LogEntry> console = driver.manage().logs().get(LogType.BROWSER).getAll();
        return console.stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(entry -> entry.getMessage().contains("Content Security Policy")
                        || entry.getMessage().contains("Uncaught"))
                .map(entry -> new Problem(entry.getLevel().getName(), entry.getMessage()))
                .toList();
    }

    Object script(String source, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(source, arguments);
    }

    Map<String, Object> cdp(String command, Map<String, Object> parameters) {
        return driver.executeCdpCommand(command, parameters);
    }

    WebElement waitFor(String css) {
        return new WebDriverWait(driver, PATIENCE)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    WebElement waitFor(String css, Duration patience) {
        return new WebDriverWait(driver, patience)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    boolean shows(String css) {
        return all(css).stream().anyMatch(WebElement::isDisplayed);
    }

    /** Fills the sign-in form and submits it; answers without waiting for what follows. */
    Browser submitSignIn(String username, String password) {
        WebElement user = waitFor("ch-login form input[name=username]");
        user.clear();
        user.sendKeys(username);
        WebElement secret = driver.findElement(By.cssSelector("ch-login form input[name=password]"));
        secret.clear();
        secret.sendKeys(password);
        driver.findElement(By.cssSelector("ch-login form button[type=submit]")).click();
        return this;
    }

    /** Signs in on the page shown now and waits for the shell. */
    Browser signIn(String username, String password) {
        submitSignIn(username, password);
        waitFor("header.bar");
        return this;
    }

    /** Opens {@code path} and signs in when the app asks for it (no session cookie yet, or a new browser). */
    Browser openSignedIn(String path, String username, String password) {
        open(path);
        new WebDriverWait(driver, PATIENCE)
                .until(ExpectedConditions.or(
                        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("header.bar")),
                        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("ch-login form"))));
        if (!shows("header.bar")) {
            signIn(username, password);
        }
        return this;
    }

    /** Forgets the session as a new browser would: no refresh cookie, no token in memory (the page reloads). */
    Browser forgetSession() {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        open("/");
        waitFor("ch-login form");
        return this;
    }

    /** The newest finished download (not Chromium's partial file) once there is one. */
    Path awaitDownload(String suffix) {
        return new WebDriverWait(driver, PATIENCE).until(ignored -> {
            try (Stream<Path> files = Files.list(downloads)) {
                return files.filter(f -> f.getFileName().toString().endsWith(suffix))
                        .max(Comparator.comparing(f -> f.toFile().lastModified()))
                        .orElse(null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String axeSource() {
        Path axe = repoRoot().resolve("dashboard/node_modules/axe-core/axe.min.js");
        try {
            return Files.readString(axe, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "axe-core is missing at " + axe + ": the dashboard build (npm ci) installs it", e);
        }
    }

    static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("ports.env"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "not inside the repository (no ports.env above " + Path.of("").toAbsolutePath() + ")");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
            deleteTree(downloads);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temp directory left behind is harmless.
        }
    }
}
