package dev.eco.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.protocol.Message.Text;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The server's shortcut for plain text must never disagree with the full decoder. */
class EchoesAsIsTest {

    private final Codec codec = new Codec();

    private boolean echoesAsIs(String frame) {
        byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        return codec.echoesAsIs(bytes, 0, bytes.length);
    }

    @Test
    void plainTextIsEchoedAsIsAndCommandsAndJsonAreNot() {
        assertTrue(echoesAsIs("hello"));
        assertTrue(echoesAsIs("hello, café 😀"));
        assertTrue(echoesAsIs("[1,2]"));
        for (String frame : new String[] {
            "",
            " hello",
            "\thello",
            "/ping",
            "quit",
            "QUIT",
            "quit now",
            "{}",
            "{\"type\":\"ping\"}",
            "é",
            "\u2003/ping"
        }) {
            assertFalse(echoesAsIs(frame), frame);
        }
        byte[] badUtf8 = {'a', (byte) 0xC3};
        assertFalse(codec.echoesAsIs(badUtf8, 0, 2));
    }

    @Test
    void wheneverItSaysYesTheDecoderEchoesTheSameBytes() {
        long seed = Long.getLong("eco.seed", System.nanoTime());
        Random random = new Random(seed);
        byte[] alphabet = " \t/qQ{}\"x:éa1\u2003".getBytes(StandardCharsets.UTF_8);
        int yes = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] frame = new byte[random.nextInt(12)];
            for (int k = 0; k < frame.length; k++) {
                frame[k] =
                        random.nextInt(8) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            if (codec.echoesAsIs(frame, 0, frame.length)) {
                yes++;
                Inbound inbound = codec.decode(frame, 0, frame.length, LineEnd.LF);
                assertEquals(new Text(new String(frame, StandardCharsets.UTF_8)), inbound.request(), "seed " + seed);
                assertEquals(Style.TEXT, inbound.style(), "seed " + seed);
            }
        }
        assertTrue(yes > 1_000, "the shortcut should apply to many frames, seed " + seed);
    }
}
