package dev.eco.server.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReadBufferTest {

    @Test
    void growsWhileReadsFillItAndShrinksBackOnceTheBurstIsOver() {
        ReadBuffer buf = new ReadBuffer();
        assertEquals(ReadBuffer.INITIAL, buf.array().length);
        while (buf.array().length < ReadBuffer.MAX) {
            buf.after(buf.array().length);
        }
        buf.after(buf.array().length);
        assertEquals(ReadBuffer.MAX, buf.array().length, "never beyond the maximum");

        for (int i = 1; i < ReadBuffer.SHRINK_AFTER; i++) {
            buf.after(10);
        }
        assertEquals(ReadBuffer.MAX, buf.array().length, "a few small reads keep it");
        buf.after(10);
        assertEquals(ReadBuffer.INITIAL, buf.array().length, "a run of small reads gives the memory back");
    }

    @Test
    void aLargeReadInBetweenStartsTheCountAgain() {
        ReadBuffer buf = new ReadBuffer();
        buf.after(ReadBuffer.INITIAL);
        int grown = buf.array().length;
        for (int i = 1; i < ReadBuffer.SHRINK_AFTER; i++) {
            buf.after(1);
        }
        buf.after(grown / 2);
        buf.after(1);
        assertEquals(grown, buf.array().length);
    }
}
