package dev.eco.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.TestClient;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The chat page in a real browser (headless Chromium): two windows and a plain TCP member in one room see the
 * same messages in the same order, a hostile message is shown as text, a taken name and a lost connection are
 * said in plain words, and the page works from the keyboard alone on a phone-sized window. On failure each
 * window's screenshot is kept under {@code target/screenshots/}. The screenshot README shows is made here:
 * {@code -Deco.screenshot=PATH} copies it to PATH (README's is {@code docs/images/chat-page.png}).
 */
class ChatPageBrowserIT {

    private static final String HOSTILE = "<img src=x onerror=alert(1)>";
    private static final Pattern TCP_MESSAGE = Pattern.compile("\\[lobby] <(\\w+)> (.*)");

    @BeforeAll
    static void needsTheBrowser() {
        Chromium.require();
    }

    private static String page(EcoServer server) {
        return "http://127.0.0.1:" + server.wsAddress().orElseThrow().getPort() + "/";
    }

    @Test
    void twoBrowsersAndATcpMemberSeeOneConversationInOneOrder() throws Exception {
        try (EcoServer server = EcoServer.start(ServerConfig.forTests());
                Chromium chromium = Chromium.start(900, 620);
                TestClient tcp = TestClient.connect(server.tcpAddress())) {
            keepScreenshotsOnFailure(chromium, "conversation", () -> conversation(server, chromium, tcp));
        }
    }

    private static void conversation(EcoServer server, Chromium chromium, TestClient tcp) throws Exception {
        WebDriver driver = chromium.driver();
        ChatWindow ann = new ChatWindow(driver, page(server));
        ann.enter("nick", "ann").waitForLine("notice", "You are ann.");
        ann.enter("room", "lobby").waitForLine("notice", "You joined lobby. Here: ann.");
        assertEquals("message", ann.activeElementId(), "after joining, the message field has the focus");

        driver.switchTo().newWindow(WindowType.WINDOW);
        ChatWindow bo = new ChatWindow(driver, page(server));
        bo.enter("nick", "ann");
        bo.waitFor(
                ExpectedConditions.textToBe(By.cssSelector("#log li.error"), "That name is taken. Pick another one."));
        assertEquals("nick_taken", bo.lines("error").getFirst().getDomAttribute("data-code"));
        bo.enter("nick", "bo").waitForLine("notice", "You are bo.");
        bo.enter("room", "lobby").waitForLine("notice", "You joined lobby. Here: ann, bo.");

        assertEquals("nick cy", tcp.roundTrip("/nick cy"));
        assertEquals("joined lobby, members: ann, bo, cy", tcp.roundTrip("/join lobby"));
        ann.waitForLine("notice", "cy joined.");
        assertEquals("ann (you)\nbo\ncy", text(driver, ann, "members"));

        ann.say("hello from ann");
        bo.say(HOSTILE);
        tcp.sendLine("hi from cy, over plain TCP");
        ann.say("second from ann");
        bo.say("caf\u00e9 \ud83d\ude00");
        int total = 5;
        ann.waitFor(d -> ann.messages().size() == total);
        bo.waitFor(d -> bo.messages().size() == total);
        List<String> seenByAnn = ann.messages();
        assertEquals(seenByAnn, bo.messages(), "both windows, seq included");
        List<String> seenByTcp = new ArrayList<>();
        while (seenByTcp.size() < total) {
            Matcher m = TCP_MESSAGE.matcher(tcp.readLine());
            if (m.matches()) {
                seenByTcp.add(m.group(1) + " " + m.group(2));
            }
        }
        assertEquals(
                seenByAnn.stream().map(s -> s.substring(0, s.lastIndexOf(" #"))).toList(), seenByTcp, "TCP");
        for (int i = 0; i < total; i++) {
            assertTrue(seenByAnn.get(i).endsWith(" #" + (i + 1)), "the room's seq: " + seenByAnn);
        }

        assertTrue(seenByAnn.stream().anyMatch(s -> s.startsWith("bo " + HOSTILE + " #")), "shown as text");
        for (ChatWindow window : List.of(ann, bo)) {
            window.focus();
            assertEquals(0, driver.findElements(By.cssSelector("#log img")).size(), "the message became an image");
            assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert(), "a script ran");
            assertEquals("message", window.activeElementId(), "the input keeps the focus");
        }
        bo.focus();
        Path shown = chromium.screenshot("chat-page");
        String copyTo = System.getProperty("eco.screenshot");
        if (copyTo != null && !copyTo.isBlank()) {
            Files.copy(shown, Path.of(copyTo), StandardCopyOption.REPLACE_EXISTING);
        }

        // The list scrolls to the newest message.
        for (int i = 0; i < 40; i++) {
            tcp.sendLine("line " + i);
        }
        ann.waitForLine("message", "cy: line 39");
        ann.waitFor(d ->
                (Boolean) ann.script("const l = document.getElementById('log'); return l.scrollHeight > l.clientHeight"
                        + " && l.scrollTop + l.clientHeight >= l.scrollHeight - 2;"));
    }

    @Test
    void aLostConnectionIsSaidInPlainWordsAndReconnectingFromTheKeyboardRejoins() throws Exception {
        try (EcoServer server = EcoServer.start(ServerConfig.forTests().toBuilder()
                        .idleTimeout(Duration.ofSeconds(2))
                        .build());
                Chromium chromium = Chromium.start(390, 760)) { // a phone's window
            keepScreenshotsOnFailure(chromium, "reconnect", () -> {
                WebDriver driver = chromium.driver();
                ChatWindow page = new ChatWindow(driver, page(server));
                assertTrue(
                        (Boolean) page.script("return document.documentElement.scrollWidth <= window.innerWidth"),
                        "the page is wider than a phone");
                assertTrue(driver.findElement(By.id("message")).isDisplayed());
                page.say("echo me").waitForLine("echo", "echo: echo me");
                page.enter("nick", "dee").waitForLine("notice", "You are dee.");
                page.enter("room", "porch").waitForLine("notice", "You joined porch. Here: dee.");
                // Then nothing for the 2 s idle timeout: the server says why, and closes.
                page.waitForLine(
                        "error", "Nothing was sent or received for too long, so the server closed the connection.");
                page.waitFor(ExpectedConditions.textToBe(By.id("status"), "disconnected"));
                // Keyboard only: from the message field back to the Reconnect button, and Enter.
                for (int i = 0; i < 10 && !"reconnect".equals(page.activeElementId()); i++) {
                    new Actions(driver)
                            .keyDown(Keys.SHIFT)
                            .sendKeys(Keys.TAB)
                            .keyUp(Keys.SHIFT)
                            .perform();
                }
                assertEquals("reconnect", page.activeElementId(), "Reconnect cannot be reached by the keyboard");
                new Actions(driver).sendKeys(Keys.ENTER).perform();
                page.waitFor(ExpectedConditions.textToBe(By.id("status"), "connected"));
                page.waitFor(d -> page.lines("notice").stream()
                                .filter(e -> e.getText().equals("You joined porch. Here: dee."))
                                .count()
                        == 2);
            });
        }
    }

    private static String text(WebDriver driver, ChatWindow window, String id) {
        window.focus();
        return driver.findElement(By.id(id)).getText();
    }

    @FunctionalInterface
    private interface Steps {
        void run() throws Exception;
    }

    /** Runs the steps; if they fail, each window's screenshot is saved first, and the failure says where. */
    private static void keepScreenshotsOnFailure(Chromium chromium, String name, Steps steps) throws Exception {
        try {
            steps.run();
        } catch (Exception | AssertionError e) {
            try {
                e.addSuppressed(new AssertionError("screenshots: " + chromium.screenshots("failed-" + name)));
            } catch (RuntimeException screenshotFailed) {
                e.addSuppressed(screenshotFailed);
            }
            throw e;
        }
    }
}
