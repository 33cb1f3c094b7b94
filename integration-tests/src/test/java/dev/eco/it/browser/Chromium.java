package dev.eco.it.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver by Selenium. Both are given by path, so
 * Selenium never runs its Selenium Manager, which would otherwise look for (and download) a driver or a
 * browser: nothing is fetched at test time. Without them the test is skipped with a message, or fails under
 * {@code CI=true}.
 */
final class Chromium implements AutoCloseable {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** Where screenshots go: the one README shows, and those of a failure. */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;

    private Chromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Skips the test (or, under {@code CI=true}, fails it) when chromium or chromedriver is missing. */
    static void require() {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return;
        }
        String message = "the browser test needs " + BROWSER + " and " + DRIVER
                + " (Debian packages chromium and chromium-driver; .ci/run installs them)";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(message + " (CI=true, so this is a failure, not a skip)");
        }
        assumeTrue(false, message);
    }

    /** A headless browser whose first window is {@code width} x {@code height} CSS pixels. */
    static Chromium start(int width, int height) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .withTimeout(Duration.ofSeconds(30))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox", // CI runs as root, where Chromium's sandbox cannot start
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--no-first-run",
                "--window-size=" + width + "," + height);
        return new Chromium(new ChromeDriver(service, options));
    }

    WebDriver driver() {
        return driver;
    }

    /** Saves what each window shows as {@code target/screenshots/NAME-N.png}; returns the files. */
    List<Path> screenshots(String name) {
        List<Path> saved = new ArrayList<>();
        String current = driver.getWindowHandle();
        int n = 0;
        for (String window : driver.getWindowHandles()) {
            driver.switchTo().window(window);
            saved.add(screenshot(name + "-" + ++n));
        }
        driver.switchTo().window(current);
        return saved;
    }

    /** Saves what the current window shows as {@code target/screenshots/NAME.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
