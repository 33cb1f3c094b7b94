package dev.eco.protocol.ws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A sink that writes down what the decoder hands on, one line per event, for tests to compare. */
class WsEvents implements WsDecoder.Sink {

    final List<String> events = new ArrayList<>();

    @Override
    public void text(byte[] buf, int off, int len) {
        events.add("text " + new String(buf, off, len, StandardCharsets.UTF_8));
    }

    @Override
    public void binary(byte[] buf, int off, int len) {
        events.add("binary " + HexFormat.of().formatHex(buf, off, off + len));
    }

    @Override
    public void ping(byte[] buf, int off, int len) {
        events.add("ping " + new String(buf, off, len, StandardCharsets.ISO_8859_1));
    }

    @Override
    public void pong(byte[] buf, int off, int len) {
        events.add("pong " + new String(buf, off, len, StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close(int code, String reason) {
        events.add("close " + code + " " + reason);
    }

    @Override
    public void tooLong(int opcode, byte[] head, int off, int len) {
        events.add("tooLong " + opcode + " " + new String(head, off, len, StandardCharsets.ISO_8859_1));
    }

    @Override
    public void fail(int code, String reason) {
        events.add("fail " + code + " " + reason);
    }

    /** Decodes {@code stream} in one read. */
    static List<String> decode(int max, byte[] stream) {
        WsEvents sink = new WsEvents();
        new WsDecoder(max).decode(stream.clone(), 0, stream.length, sink);
        return sink.events;
    }

    /** Decodes {@code stream} one byte per read. */
    static List<String> decodeByteByByte(int max, byte[] stream) {
        WsEvents sink = new WsEvents();
        WsDecoder decoder = new WsDecoder(max);
        byte[] copy = stream.clone();
        for (int i = 0; i < copy.length; i++) {
            decoder.decode(copy, i, 1, sink);
        }
        return sink.events;
    }
}
