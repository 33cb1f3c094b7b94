package dev.eco.server.session;

import dev.eco.protocol.Codec;
import dev.eco.protocol.LineEnd;
import dev.eco.protocol.Message.Reply;
import dev.eco.protocol.Style;
import dev.eco.protocol.ws.CloseCode;
import dev.eco.protocol.ws.Opcode;
import dev.eco.protocol.ws.WsEncoder;
import dev.eco.server.ServerMetrics.Close;
import java.util.Arrays;

/**
 * How a connection's messages are delimited on the wire. The codec encodes every reply as a line; a line
 * connection sends it as it is, a WebSocket connection as one text message without its terminator. The rest of
 * a session (dispatch, rooms, queues) is the same for both.
 */
public enum Framing {
    /** The line protocol: each message ends with its LF or CRLF. */
    LINES,
    /** WebSocket (RFC 6455): each message is one unmasked text frame; the line terminator is left out. */
    WEBSOCKET;

    /** Appends the echo of a message: its own bytes, and for a line its terminator. */
    void echo(ReplyBuffer out, byte[] buf, int off, int len, LineEnd end) {
        switch (this) {
            case LINES -> {
                out.write(buf, off, len);
                out.write(end);
            }
            case WEBSOCKET -> {
                int at = out.grow(WsEncoder.headerLength(len));
                WsEncoder.writeHeader(out.array(), at, Opcode.TEXT, len);
                out.write(buf, off, len);
            }
        }
    }

    /** Appends {@code reply} in {@code style}. */
    void reply(ReplyBuffer out, Codec codec, Reply reply, Style style) {
        switch (this) {
            case LINES -> codec.encode(reply, style, out);
            case WEBSOCKET -> {
                // Encoded after room for the longest header, then moved back against the header it needs.
                int start = out.grow(10);
                codec.encode(reply, style, out);
                int len = out.size() - start - 10 - style.lineEnd().length();
                int h = WsEncoder.writeHeader(out.array(), start, Opcode.TEXT, len);
                System.arraycopy(out.array(), start + 10, out.array(), start + h, len);
                out.truncate(start + h + len);
            }
        }
    }

    /** An encoded line ({@code line}, ended by {@code end}) as it goes on the wire. */
    byte[] wrap(byte[] line, LineEnd end) {
        return switch (this) {
            case LINES -> line;
            case WEBSOCKET -> WsEncoder.frame(Opcode.TEXT, line, 0, line.length - end.length());
        };
    }

    /**
     * The last bytes of a connection the server ends for {@code why}: its notice (an encoded line ended by
     * {@code end}, or null for none), and on a WebSocket the close frame that says why.
     */
    byte[] last(byte[] notice, LineEnd end, Close why) {
        return switch (this) {
            case LINES -> notice == null ? new byte[0] : notice;
            case WEBSOCKET -> {
                byte[] message = notice == null ? new byte[0] : wrap(notice, end);
                byte[] close = closeFrame(why);
                byte[] both = Arrays.copyOf(message, message.length + close.length);
                System.arraycopy(close, 0, both, message.length, close.length);
                yield both;
            }
        };
    }

    /** The close frame for an end the server decided; 1011 (internal error) for any it does not send one for. */
    private static byte[] closeFrame(Close why) {
        return switch (why) {
            case QUIT -> WsEncoder.close(CloseCode.NORMAL, "bye");
            case IDLE_TIMEOUT -> WsEncoder.close(CloseCode.GOING_AWAY, "idle timeout");
            case FRAME_TIMEOUT -> WsEncoder.close(CloseCode.POLICY_VIOLATION, "frame timeout");
            case SHUTDOWN -> WsEncoder.close(CloseCode.GOING_AWAY, "server shutting down");
            case SLOW_CONSUMER -> WsEncoder.close(CloseCode.POLICY_VIOLATION, "slow consumer");
            case PEER, WRITE_TIMEOUT, HANDSHAKE, PROTOCOL, HTTP, FAULT, ERROR -> WsEncoder.close(1011, "server error");
        };
    }
}
