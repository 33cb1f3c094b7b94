package dev.eco.protocol.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The incremental UTF-8 validator: the hard cases, and agreement with the JDK's strict decoder when split. */
class Utf8ValidatorTest {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void theEdgesOfEachForm() {
        assertTrue(Utf8Validator.isValid(hex("7f"), 0, 1));
        assertTrue(Utf8Validator.isValid(hex("c280dfbf"), 0, 4));
        assertTrue(Utf8Validator.isValid(hex("e0a080efbfbd"), 0, 6));
        assertTrue(Utf8Validator.isValid(hex("f0908080f48fbfbf"), 0, 8));
        for (String bad : new String[] {"c0af", "c1bf", "e09f80", "eda080", "f08f8080", "f4908080", "f5", "80", "ff"}) {
            byte[] b = hex(bad);
            assertFalse(Utf8Validator.isValid(b, 0, b.length), bad);
        }
    }

    @Test
    void aCharacterSplitAcrossPiecesIsWhole() {
        byte[] snowman = hex("e29883");
        Utf8Validator v = new Utf8Validator();
        assertTrue(v.feed(snowman, 0, 1));
        assertFalse(v.complete());
        assertTrue(v.feed(snowman, 1, 2));
        assertTrue(v.complete());
    }

    /** Random bytes, fed in random pieces, are valid exactly when the JDK's strict decoder says so. */
    @Test
    void agreesWithTheJdkOnRandomInputFedInPieces() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(12)];
            for (int i = 0; i < bytes.length; i++) {
                // mostly bytes near the interesting boundaries
                bytes[i] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt(256));
            }
            Utf8Validator v = new Utf8Validator();
            boolean fed = true;
            for (int at = 0; at < bytes.length; ) {
                int n = 1 + random.nextInt(bytes.length - at);
                fed &= v.feed(bytes, at, n);
                at += n;
            }
            assertEquals(
                    jdkValid(bytes),
                    fed && v.complete(),
                    "seed " + seed + ": " + HexFormat.of().formatHex(bytes));
        }
    }

    private static boolean jdkValid(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
