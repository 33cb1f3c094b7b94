package dev.eco.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The clients' small text rules, without sockets. */
class ClientTextTest {

    @Test
    void quitIsReadAsTheServerReadsIt() {
        assertTrue(ChatLines.isQuit("quit"));
        assertTrue(ChatLines.isQuit("  /QUIT "));
        assertFalse(ChatLines.isQuit("quit now"));
    }

    @Test
    void byeInEitherStyleEndsASession() {
        assertTrue(ChatLines.isBye("bye"));
        assertTrue(ChatLines.isBye("{\"type\":\"bye\"}"));
        assertTrue(ChatLines.isBye("{ \"type\" : \"bye\" }"));
        assertFalse(ChatLines.isBye("{\"type\":\"message\",\"body\":\"bye\",\"seq\":1}"));
    }

    @Test
    void aConfirmedJoinInEitherStyleIsRecognised() {
        assertTrue(ChatLines.isJoined("joined lobby, members: alice, bob"));
        assertTrue(ChatLines.isJoined("{\"type\":\"join\",\"room\":\"lobby\",\"members\":[\"a\"]}"));
        assertTrue(ChatLines.isJoined("{\"type\":\"join\",\"id\":7,\"room\":\"lobby\",\"members\":[]}"));
        assertFalse(ChatLines.isJoined("{\"type\":\"join\",\"room\":\"lobby\"}")); // the request, echoed
        assertFalse(ChatLines.isJoined("* bob joined lobby"));
        assertFalse(ChatLines.isJoined("[lobby] <bob> joined lobby, members: fake"));
    }

    @Test
    void controlCharactersFromTheServerAreShownNotObeyed() {
        assertEquals("plain\ttext", TerminalConsole.visible("plain\ttext"));
        assertEquals("^[[2Jgone?", TerminalConsole.visible("\u001b[2Jgone?"));
        assertEquals("bell^G^?", TerminalConsole.visible("bell\u0007\u007f"));
    }

    @Test
    void c1ControlsSeparatorsAndBidiControlsAreShownNotObeyed() {
        // U+009B is CSI on its own: U+009B 2 J clears the screen on terminals that take 8-bit controls.
        assertEquals("<U+009B>2Jgone?", TerminalConsole.visible("\u009b2Jgone?"));
        assertEquals("<U+0080><U+0085><U+009F>", TerminalConsole.visible("\u0080\u0085\u009f"));
        assertEquals("a<U+2028>b<U+2029>c", TerminalConsole.visible("a\u2028b\u2029c"));
        assertEquals(
                "<U+202A><U+202B><U+202C><U+202D><U+202E>txt.exe",
                TerminalConsole.visible("\u202a\u202b\u202c\u202d\u202etxt.exe"));
        assertEquals("<U+2066><U+2067><U+2068><U+2069>", TerminalConsole.visible("\u2066\u2067\u2068\u2069"));
        // the neighbours stay as they are: printable Latin-1, dashes, ordinary non-ASCII text
        assertEquals(
                "\u00a0é\u2027\u202f\u2065\u206a ñ 日本",
                TerminalConsole.visible("\u00a0é\u2027\u202f\u2065\u206a ñ 日本"));
    }

    @Test
    void oneTrailingLineEndIsDroppedFromADatagram() {
        byte[] crlf = "hi\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] twice = "hi\n\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals("hi", UdpLink.text(crlf, crlf.length));
        assertEquals("hi\n", UdpLink.text(twice, twice.length));
    }

    @Test
    void addressesAndDurationsAreWrittenAsPeopleTypeThem() {
        assertEquals("[::1]:9999", Endpoints.describe("::1", 9999));
        assertEquals("example.org:7", Endpoints.describe("example.org", 7));
        assertEquals("5s", Endpoints.describe(Duration.ofSeconds(5)));
        assertEquals("250ms", Endpoints.describe(Duration.ofMillis(250)));
    }

    @Test
    void roundTripsAreSummedUpLikePing() {
        RoundTrips trips = new RoundTrips();
        trips.sent();
        trips.received(1_000_000);
        trips.sent();
        trips.received(3_000_000);
        trips.sent();
        assertEquals("3 sent, 2 received, rtt min/avg/max = 1.000/2.000/3.000 ms", trips.summary());
        assertEquals("0 sent, 0 received", new RoundTrips().summary());
    }
}
