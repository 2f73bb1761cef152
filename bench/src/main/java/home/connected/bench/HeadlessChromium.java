package home.connected.bench;

import home.connected.testing.DebianChromium;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium through its chromedriver, on a fresh profile deleted on close (as the browser tests). */
final class HeadlessChromium implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    // Held so the setting sticks: Selenium warns on every CDP call when its devtools bindings lag the
    // browser, which does not matter for the few plain commands the bench sends.
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    private final Path profile;
    private final ChromeDriver driver;

    HeadlessChromium() {
        SELENIUM_LOG.setLevel(Level.SEVERE);
        DebianChromium.requireInstalled("the dashboard bench");
        try {
            profile = Files.createTempDirectory("ch-bench-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver = DebianChromium.start(DebianChromium.headless(profile, 1280, 900));
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
