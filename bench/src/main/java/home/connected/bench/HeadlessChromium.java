package home.connected.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium through its chromedriver, on a fresh profile deleted on close (as the browser tests). */
final class HeadlessChromium implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    // Held so the setting sticks: Selenium warns on every CDP call when its devtools bindings lag the
    // browser, which does not matter for the few plain commands the bench sends.
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    private final Path profile;
    private final ChromeDriver driver;

    HeadlessChromium() {
        SELENIUM_LOG.setLevel(Level.SEVERE);
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the dashboard bench needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": run dev/setup (Debian packages chromium and chromium-driver)");
        }
        try {
            profile = Files.createTempDirectory("ch-bench-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--lang=en-US",
                "--user-data-dir=" + profile,
                "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(PATIENCE);
    }

    void open(String url) {
        driver.get(url);
    }

    Object script(String source, Object... arguments) {
        return driver.executeScript(source, arguments);
    }

    Map<String, Object> cdp(String command, Map<String, Object> parameters) {
        return driver.executeCdpCommand(command, parameters);
    }

    WebElement waitFor(String css) {
        return new WebDriverWait(driver, PATIENCE)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Waits until {@code source} (a script's body) returns something other than null or false, and returns that. */
    Object waitForScript(String source, Duration patience) {
        return new WebDriverWait(driver, patience).until(ignored -> {
            Object value = driver.executeScript(source);
            return Boolean.FALSE.equals(value) ? null : value;
        });
    }

    /** Signs in through the app's login form on the page shown now and waits for the shell. */
    void signIn(String username, String password) {
        WebElement user = waitFor("ch-login form input[name=username]");
        user.sendKeys(username);
        driver.findElement(By.cssSelector("ch-login form input[name=password]")).sendKeys(password);
        driver.findElement(By.cssSelector("ch-login form button[type=submit]")).click();
        waitFor("header.bar");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> paths = Files.walk(profile)) {
                paths.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // A temp directory left behind is harmless.
            }
        }
    }
}
