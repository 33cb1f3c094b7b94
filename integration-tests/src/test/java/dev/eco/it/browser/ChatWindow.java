package dev.eco.it.browser;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** One browser window on eco's chat page, used as a person would: typing, and Enter. */
final class ChatWindow {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final WebDriver driver;
    private final String handle;

    ChatWindow(WebDriver driver, String url) {
        this.driver = driver;
        driver.get(url);
        this.handle = driver.getWindowHandle();
        waitFor(ExpectedConditions.textToBe(By.id("status"), "connected"));
    }

    /** Makes this window the one the driver talks to. */
    ChatWindow focus() {
        driver.switchTo().window(handle);
        return this;
    }

    /** Types {@code text} into the field {@code id} and presses Enter. */
    ChatWindow enter(String id, String text) {
        focus();
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text, Keys.ENTER);
        return this;
    }

    ChatWindow say(String text) {
        return enter("message", text);
    }

    /** Waits until the log has an item with {@code cssClass} whose text is {@code text}. */
    ChatWindow waitForLine(String cssClass, String text) {
        focus();
        waitFor(d -> lines(cssClass).stream().anyMatch(e -> e.getText().equals(text)));
        return this;
    }

    /** The log's items of one kind ({@code message}, {@code notice}, {@code error}, {@code echo}). */
    List<WebElement> lines(String cssClass) {
        return driver.findElements(By.cssSelector("#log li." + cssClass));
    }

    /** The room's messages as {@code FROM BODY} and their {@code seq}s. */
    List<String> messages() {
        focus();
        return lines("message").stream()
                .map(e -> e.getDomAttribute("data-from") + " "
                        + e.findElement(By.className("body")).getText() + " #" + e.getDomAttribute("data-seq"))
                .toList();
    }

    String activeElementId() {
        focus();
        return driver.switchTo().activeElement().getDomAttribute("id");
    }

    Object script(String js) {
        focus();
        return ((JavascriptExecutor) driver).executeScript(js);
    }

    void waitFor(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
        focus();
        new WebDriverWait(driver, WAIT).until(condition);
    }
}
