package dev.eco.protocol.fuzz;

import dev.eco.protocol.ws.WsDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** What a {@link WsDecoder} reported, as strings (a failure as its code alone), to compare with {@link WsOracle}. */
final class WsLog implements WsDecoder.Sink {

    final List<String> events = new ArrayList<>();
    /** The longest text or binary message handed on. */
    int longest;

    @Override
    public void text(byte[] buf, int off, int len) {
        longest = Math.max(longest, len);
        events.add("text " + hex(buf, off, len));
    }

    @Override
    public void binary(byte[] buf, int off, int len) {
        longest = Math.max(longest, len);
        events.add("binary " + hex(buf, off, len));
    }

    @Override
    public void ping(byte[] buf, int off, int len) {
        events.add("ping " + hex(buf, off, len));
    }

    @Override
    public void pong(byte[] buf, int off, int len) {
        events.add("pong " + hex(buf, off, len));
    }

    @Override
    public void close(int code, String reason) {
        events.add("close " + code + " " + HexFormat.of().formatHex(reason.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void tooLong(int opcode, byte[] head, int off, int len) {
        events.add("tooLong " + opcode + " " + hex(head, off, len));
    }

    @Override
    public void fail(int code, String reason) {
        events.add("fail " + code);
    }

    private static String hex(byte[] buf, int off, int len) {
        return HexFormat.of().formatHex(buf, off, off + len);
    }

    /**
     * Hands {@code input[at, at+len)} to the decoder inside a larger read buffer whose other bytes are set apart,
     * overwritten after the call: a decoder that reads outside its range or keeps a reference shows up.
     */
    static void feed(WsDecoder decoder, byte[] input, int at, int len, WsDecoder.Sink sink) {
        byte[] readBuffer = new byte[len + 8];
        Arrays.fill(readBuffer, (byte) 0x81);
        System.arraycopy(input, at, readBuffer, 3, len);
        decoder.decode(readBuffer, 3, len, sink);
        Arrays.fill(readBuffer, (byte) '#');
    }
}
