package dev.eco.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Messages must be printable, end with LF in line mode, and differ per message and per connection. */
class PayloadTest {

    @Test
    void aLineMessageIsPrintableAndEndsWithItsOnlyLf() {
        Payload p = new Payload(64, true);
        byte[] msg = new byte[64];
        p.write(msg, 0, 7, 123_456, new byte[Payload.ID_CHARS]);
        assertEquals('\n', msg[63]);
        for (int i = 0; i < 63; i++) {
            assertTrue(msg[i] > ' ' && msg[i] < 127, "byte " + i + " is " + msg[i]);
        }
    }

    @Test
    void messagesDifferPerNumberAndPerConnection() {
        Payload p = new Payload(16, true);
        byte[] id = new byte[Payload.ID_CHARS];
        Set<String> seen = new HashSet<>();
        for (int conn = 0; conn < 20; conn++) {
            for (long seq = 0; seq < 5_000; seq++) {
                byte[] msg = new byte[16];
                p.write(msg, 0, conn, seq, id);
                assertTrue(seen.add(new String(msg, java.nio.charset.StandardCharsets.US_ASCII)), conn + "/" + seq);
            }
        }
    }

    @Test
    void matchesIsExactAndExpectedAgreesWithWrite() {
        Payload p = new Payload(40, false);
        byte[] id = new byte[Payload.ID_CHARS];
        byte[] msg = new byte[40];
        p.write(msg, 0, 3, 99, id);
        p.id(3, 99, id);
        assertTrue(p.matches(msg, 0, 40, id));
        for (int i = 0; i < 40; i++) {
            assertEquals(msg[i], p.expected(id, i));
        }
        msg[20] ^= 1;
        assertFalse(p.matches(msg, 0, 40, id));
        p.id(3, 100, id);
        msg[20] ^= 1;
        assertFalse(p.matches(msg, 0, 40, id), "the next message's bytes differ");
    }

    @Test
    void aTinyMessageStillWorks() {
        Payload p = new Payload(2, true);
        byte[] msg = new byte[2];
        p.write(msg, 0, 0, 5, new byte[Payload.ID_CHARS]);
        assertEquals('5', msg[0]);
        assertEquals('\n', msg[1]);
    }
}
