package dev.eco.server.ws;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.server.ServerMetrics.Close;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each HTTP request on a WebSocket listener is answered, without sockets. */
class UpgradeTest {

    private static final ChatPage PAGE = ChatPage.load();
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ=="; // RFC 6455's example

    private static String upgrade(String... extra) {
        return "GET / HTTP/1.1\r\nHost: 127.0.0.1:9980\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + KEY + "\r\n" + String.join("\r\n", extra);
    }

    private static Upgrade.Answer answer(String head, List<String> origins, boolean secure) throws Exception {
        byte[] bytes = head.strip().getBytes(ISO_8859_1);
        return Upgrade.answer(HttpRequest.parse(bytes, bytes.length), new OriginPolicy(origins), PAGE, secure);
    }

    private static Upgrade.Answer answer(String head) throws Exception {
        return answer(head, List.of(), false);
    }

    private static String statusLine(Upgrade.Answer a) {
        String text = new String(a.response(), ISO_8859_1);
        return text.substring(0, text.indexOf('\r'));
    }

    @Test
    void theAcceptKeyIsRfc6455s() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", Upgrade.accept(KEY));
    }

    @Test
    void aGoodUpgradeSwitchesProtocols() throws Exception {
        Upgrade.Answer a = answer(upgrade());
        assertTrue(a.upgrades());
        assertEquals("HTTP/1.1 101 Switching Protocols", statusLine(a));
        assertTrue(new String(a.response(), ISO_8859_1)
                .contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
    }

    @Test
    void getWithoutUpgradeIsThePageAndHeadItsHead() throws Exception {
        Upgrade.Answer get = answer("GET /?room=lobby HTTP/1.1\r\nHost: x");
        assertEquals("HTTP/1.1 200 OK", statusLine(get));
        assertEquals(Close.HTTP, get.closes());
        String text = new String(get.response(), ISO_8859_1);
        assertTrue(text.contains("Content-Security-Policy: default-src 'none'; script-src 'sha256-"), text);
        assertTrue(text.endsWith("</html>\n"));
        String head = new String(answer("HEAD / HTTP/1.0").response(), ISO_8859_1);
        assertTrue(head.startsWith("HTTP/1.1 200 OK") && head.endsWith("\r\n\r\n"), head);
    }

    @Test
    void otherPathsAndMethodsAreRefusedPlainly() throws Exception {
        assertEquals("HTTP/1.1 404 Not Found", statusLine(answer("GET /favicon.ico HTTP/1.1")));
        Upgrade.Answer post = answer("POST / HTTP/1.1\r\nContent-Length: 3");
        assertEquals("HTTP/1.1 405 Method Not Allowed", statusLine(post));
        assertTrue(new String(post.response(), ISO_8859_1).contains("Allow: GET, HEAD\r\n"));
        assertEquals(Close.HTTP, post.closes());
    }

    @Test
    void anUpgradeThatBreaksTheRulesIs400() throws Exception {
        for (String bad : List.of(
                upgrade().replace("Upgrade: websocket", "Upgrade: h2c"),
                upgrade().replace("keep-alive, Upgrade", "keep-alive"),
                upgrade().replace("HTTP/1.1", "HTTP/1.0"),
                upgrade().replace("Host: 127.0.0.1:9980\r\n", ""),
                upgrade().replace(KEY, "c2hvcnQ="),
                upgrade("Sec-WebSocket-Key: " + KEY))) {
            Upgrade.Answer a = answer(bad);
            assertEquals("HTTP/1.1 400 Bad Request", statusLine(a), bad);
            assertEquals(Close.HANDSHAKE, a.closes());
        }
    }

    @Test
    void anotherWebSocketVersionIs426WithTheOneSpoken() throws Exception {
        Upgrade.Answer a = answer(upgrade().replace("Version: 13", "Version: 8"));
        assertEquals("HTTP/1.1 426 Upgrade Required", statusLine(a));
        assertTrue(new String(a.response(), ISO_8859_1).contains("Sec-WebSocket-Version: 13\r\n"));
    }

    @Test
    void originsTheOwnPageNoneListedOrAny() throws Exception {
        assertTrue(answer(upgrade("Origin: http://127.0.0.1:9980")).upgrades(), "the page's own origin");
        assertTrue(answer(upgrade("Origin: HTTP://127.0.0.1:9980")).upgrades(), "in any case");
        assertFalse(answer(upgrade("Origin: https://127.0.0.1:9980")).upgrades(), "another scheme is another origin");
        assertTrue(
                answer(upgrade("Origin: https://127.0.0.1:9980"), List.of(), true)
                        .upgrades(),
                "on wss");
        Upgrade.Answer evil = answer(upgrade("Origin: https://evil.example"));
        assertEquals("HTTP/1.1 403 Forbidden", statusLine(evil));
        assertEquals(Close.HANDSHAKE, evil.closes());
        assertTrue(answer(upgrade("Origin: https://evil.example"), List.of("https://evil.example"), false)
                .upgrades());
        assertTrue(answer(upgrade("Origin: null"), List.of("*"), false).upgrades());
        assertFalse(answer(upgrade("Origin: null")).upgrades(), "a sandboxed page");
    }

    @Test
    void malformedHeadsAreRefusedByTheParser() {
        for (String bad : List.of(
                "GET /",
                "GET / HTTP/2",
                "GET  / HTTP/1.1",
                "GET / HTTP/1.1\r\n no-name",
                "GET / HTTP/1.1\r\nbad name: x")) {
            byte[] bytes = bad.getBytes(ISO_8859_1);
            assertThrows(HttpRequest.Malformed.class, () -> HttpRequest.parse(bytes, bytes.length), bad);
        }
    }
}
