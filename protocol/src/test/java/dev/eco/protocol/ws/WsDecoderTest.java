package dev.eco.protocol.ws;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The WebSocket decoder, byte arrays in and events out: each rule of RFC 6455 it enforces, whole and split. */
class WsDecoderTest {

    private static final byte[] KEY = {0x37, (byte) 0xFA, 0x21, 0x3D};
    private static final int MAX = 100;

    private static byte[] frame(int opcode, boolean fin, byte[] payload) {
        return WsEncoder.masked(opcode, fin, payload, 0, payload.length, KEY);
    }

    private static byte[] frame(int opcode, boolean fin, String payload) {
        return frame(opcode, fin, payload.getBytes(UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The events of {@code stream} in one read, checked to be the same one byte per read. */
    private static List<String> decode(byte[] stream) {
        List<String> whole = WsEvents.decode(MAX, stream);
        assertEquals(whole, WsEvents.decodeByteByByte(MAX, stream), "one byte per read");
        return whole;
    }

    @Test
    void textAndBinaryMessagesComeOutWholeAndUnmasked() {
        byte[] binary = {0, 1, (byte) 0xFF, '\n'};
        assertEquals(
                List.of("text hello", "binary 0001ff0a", "text "),
                decode(concat(
                        frame(Opcode.TEXT, true, "hello"), frame(Opcode.BINARY, true, binary), frame(1, true, ""))));
    }

    @Test
    void aNewlineInsideATextMessageIsPartOfIt() {
        assertEquals(List.of("text one\ntwo\r\n"), decode(frame(Opcode.TEXT, true, "one\ntwo\r\n")));
    }

    @Test
    void fragmentsAreReassembledWithControlFramesBetweenThem() {
        byte[] e = "h\u00e9llo".getBytes(UTF_8); // the é (C3 A9) is split between the two fragments
        byte[] stream = concat(
                frame(Opcode.TEXT, false, Arrays.copyOfRange(e, 0, 2)),
                frame(Opcode.PING, true, "mid"),
                frame(Opcode.CONTINUATION, false, Arrays.copyOfRange(e, 2, 3)),
                frame(Opcode.PONG, true, "p"),
                frame(Opcode.CONTINUATION, true, Arrays.copyOfRange(e, 3, e.length)));
        assertEquals(List.of("ping mid", "pong p", "text h\u00e9llo"), decode(stream));
    }

    @Test
    void lengthsOfSixteenAndSixtyFourBitsAreRead() {
        byte[] mid = new byte[300];
        Arrays.fill(mid, (byte) 'm');
        List<String> events = WsEvents.decode(100_000, frame(Opcode.TEXT, true, mid));
        assertEquals(List.of("text " + "m".repeat(300)), events);
        byte[] big = new byte[70_000];
        Arrays.fill(big, (byte) 'b');
        events = WsEvents.decode(100_000, frame(Opcode.TEXT, true, big));
        assertEquals(List.of("text " + "b".repeat(70_000)), events);
    }

    @Test
    void aMessageOverTheLimitIsDiscardedReportedOnceAndTheNextOneDecodes() {
        String big = "{" + "x".repeat(MAX); // 101 bytes, over the limit of 100
        assertEquals(
                List.of("tooLong 1 " + big.substring(0, 64), "text after"),
                decode(concat(frame(Opcode.TEXT, true, big), frame(Opcode.TEXT, true, "after"))));
    }

    @Test
    void aFragmentedMessageIsLimitedAsAWholeWithItsHeadKept() {
        byte[] stream = concat(
                frame(Opcode.BINARY, false, "a".repeat(60)),
                frame(Opcode.PING, true, "still answered"),
                frame(Opcode.CONTINUATION, false, "b".repeat(30)),
                frame(Opcode.CONTINUATION, true, "c".repeat(30)),
                frame(Opcode.TEXT, true, "next"));
        assertEquals(
                List.of("ping still answered", "tooLong 2 " + "a".repeat(60) + "bbbb", "text next"), decode(stream));
    }

    @Test
    void aMessageOfExactlyTheLimitIsWhole() {
        assertEquals(List.of("text " + "y".repeat(MAX)), decode(frame(Opcode.TEXT, true, "y".repeat(MAX))));
    }

    @Test
    void invalidUtf8FailsWith1007AsSoonAsItArrives() {
        byte[] stream = concat(frame(Opcode.TEXT, false, new byte[] {'o', 'k', (byte) 0xC3, 0x28}), new byte[50]);
        assertEquals(List.of("fail 1007 a text message that is not valid UTF-8"), decode(stream));
    }

    @Test
    void aTextMessageEndingInsideACharacterFailsWith1007() {
        assertEquals(
                List.of("fail 1007 a text message that ends inside a character"),
                decode(frame(Opcode.TEXT, true, new byte[] {'a', (byte) 0xE2, (byte) 0x82})));
    }

    @Test
    void invalidUtf8InADiscardedTextMessageStillFails() {
        byte[] bad = new byte[MAX + 10];
        Arrays.fill(bad, (byte) 'z');
        bad[MAX + 5] = (byte) 0xFF;
        assertEquals(
                List.of("fail 1007 a text message that is not valid UTF-8"), decode(frame(Opcode.TEXT, true, bad)));
    }

    @Test
    void binaryMessagesAreNotUtf8() {
        assertEquals(List.of("binary c328"), decode(frame(Opcode.BINARY, true, new byte[] {(byte) 0xC3, 0x28})));
    }

    @Test
    void anUnmaskedFrameFailsWith1002BeforeItsPayload() {
        byte[] unmasked = {(byte) 0x81, 5}; // text, 5 bytes, no mask: the payload need not even arrive
        assertEquals(List.of("fail 1002 a client's frames must be masked"), decode(unmasked));
    }

    @Test
    void reservedBitsAndOpcodesFailWith1002() {
        byte[] rsv = frame(Opcode.TEXT, true, "x");
        rsv[0] |= 0x40;
        assertEquals(List.of("fail 1002 reserved bits set, but no extension was agreed"), decode(rsv));
        assertEquals(List.of("fail 1002 unknown opcode 3"), decode(frame(3, true, "x")));
        assertEquals(List.of("fail 1002 unknown opcode 11"), decode(frame(0xB, true, "x")));
    }

    @Test
    void controlFramesMustBeWholeAndShort() {
        assertEquals(
                List.of("fail 1002 a control frame must not be fragmented"), decode(frame(Opcode.PING, false, "x")));
        assertEquals(
                List.of("fail 1002 a control frame carries at most 125 bytes"),
                decode(frame(Opcode.PING, true, "p".repeat(126))));
        assertEquals(List.of("ping " + "p".repeat(125)), decode(frame(Opcode.PING, true, "p".repeat(125))));
    }

    @Test
    void fragmentsOutOfOrderFailWith1002() {
        assertEquals(
                List.of("fail 1002 a continuation frame, but no message to continue"),
                decode(frame(Opcode.CONTINUATION, true, "x")));
        assertEquals(
                List.of("fail 1002 a new message began before the last one ended"),
                decode(concat(frame(Opcode.TEXT, false, "a"), frame(Opcode.TEXT, true, "b"))));
    }

    @Test
    void aLengthWithItsTopBitSetFails() {
        byte[] stream = {(byte) 0x82, (byte) 0xFF, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4};
        assertEquals(List.of("fail 1002 a frame's length must fit in 63 bits"), decode(stream));
    }

    @Test
    void aCloseFrameEndsDecodingWithItsCodeAndReason() {
        byte[] payload = concat(new byte[] {0x03, (byte) 0xE8}, "done \u2713".getBytes(UTF_8));
        byte[] stream = concat(frame(Opcode.CLOSE, true, payload), frame(Opcode.TEXT, true, "ignored"));
        assertEquals(List.of("close 1000 done \u2713"), decode(stream));
        assertEquals(List.of("close 1005 "), decode(frame(Opcode.CLOSE, true, new byte[0])));
    }

    @Test
    void aBadCloseFrameFails() {
        assertEquals(
                List.of("fail 1002 a close frame's status code takes two bytes"),
                decode(frame(Opcode.CLOSE, true, new byte[] {3})));
        assertEquals(
                List.of("fail 1002 close code 1005 is not one a peer may send"),
                decode(frame(Opcode.CLOSE, true, new byte[] {0x03, (byte) 0xED})));
        assertEquals(
                List.of("fail 1007 a close reason that is not valid UTF-8"),
                decode(frame(Opcode.CLOSE, true, new byte[] {0x03, (byte) 0xE8, (byte) 0xC0, (byte) 0xAF})));
    }

    @Test
    void nothingIsDecodedAfterAFailure() {
        WsEvents sink = new WsEvents();
        WsDecoder decoder = new WsDecoder(MAX);
        byte[] bad = frame(Opcode.CONTINUATION, true, "x");
        decoder.decode(bad, 0, bad.length, sink);
        byte[] good = frame(Opcode.TEXT, true, "good");
        decoder.decode(good, 0, good.length, sink);
        assertTrue(decoder.ended());
        assertEquals(1, sink.events.size(), sink.events::toString);
    }

    @Test
    void aWholeMessageInOneReadIsHandedOnFromTheReadBuffer() {
        byte[] stream = frame(Opcode.TEXT, true, "zero copy");
        byte[][] seen = new byte[1][];
        new WsDecoder(MAX).decode(stream, 0, stream.length, new WsEvents() {
            @Override
            public void text(byte[] buf, int off, int len) {
                seen[0] = buf;
            }
        });
        assertSame(stream, seen[0], "the message was copied");
    }

    @Test
    void nothingIsHeldBetweenMessages() {
        WsDecoder decoder = new WsDecoder(MAX);
        byte[] stream = concat(frame(Opcode.TEXT, false, "part"), frame(Opcode.CONTINUATION, true, "rest"));
        decoder.decode(stream, 0, 9, new WsEvents());
        assertTrue(decoder.pendingBytes() > 0);
        decoder.decode(stream, 9, stream.length - 9, new WsEvents());
        assertEquals(0, decoder.pendingBytes());
    }
}
