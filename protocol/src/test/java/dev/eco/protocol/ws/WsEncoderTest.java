package dev.eco.protocol.ws;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server's frames, and the client's masked ones read back by the decoder. */
class WsEncoderTest {

    @Test
    void headersOfEachLength() {
        assertEquals("8103616263", HexFormat.of().formatHex(WsEncoder.frame(Opcode.TEXT, "abc".getBytes(UTF_8), 0, 3)));
        byte[] mid = WsEncoder.frame(Opcode.BINARY, new byte[126], 0, 126);
        assertEquals("827e007e", HexFormat.of().formatHex(mid, 0, 4));
        byte[] big = WsEncoder.frame(Opcode.BINARY, new byte[65_536], 0, 65_536);
        assertEquals("827f0000000000010000", HexFormat.of().formatHex(big, 0, 10));
        assertEquals(65_546, big.length);
        assertEquals(2, WsEncoder.headerLength(125));
        assertEquals(4, WsEncoder.headerLength(0xFFFF));
        assertEquals(10, WsEncoder.headerLength(0x10000));
    }

    @Test
    void aCloseReasonIsCutAtACharacterBoundary() {
        byte[] close = WsEncoder.close(CloseCode.GOING_AWAY, "\u00e9".repeat(100)); // 200 bytes of reason
        assertEquals(2 + 2 + 122, close.length, "61 whole é, not 61.5");
        assertArrayEquals(new byte[] {(byte) 0x88, 124, 0x03, (byte) 0xE9}, Arrays.copyOf(close, 4));
    }

    @Test
    void maskedFramesDecodeToWhatWasMasked() {
        byte[] key = {1, 2, 3, 4};
        byte[] payload = "any payload, longer than sixteen bytes".getBytes(UTF_8);
        byte[] frame = WsEncoder.masked(Opcode.TEXT, true, payload, 0, payload.length, key);
        assertEquals(List.of("text any payload, longer than sixteen bytes"), WsEvents.decode(1000, frame));
        assertEquals(List.of("text any payload, longer than sixteen bytes"), WsEvents.decodeByteByByte(1000, frame));
    }
}
