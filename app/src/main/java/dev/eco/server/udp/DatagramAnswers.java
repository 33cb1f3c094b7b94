package dev.eco.server.udp;

import dev.eco.protocol.Codec;
import dev.eco.protocol.FrameDecoder;
import dev.eco.protocol.Inbound;
import dev.eco.protocol.LineEnd;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Post;
import dev.eco.protocol.Message.Posted;
import dev.eco.protocol.Message.Reply;
import dev.eco.protocol.Style;
import dev.eco.server.ServerMetrics;
import dev.eco.server.ServerMetrics.UdpDrop;
import dev.eco.server.session.Conversation;
import dev.eco.server.session.Dispatcher;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The answer to one datagram, through the same {@link Dispatcher} as a line connection, without sockets.
 * Each datagram is one frame; its reply ends as it ended (LF, CRLF, or nothing). UDP thread only.
 *
 * <p>A reply never has more bytes than the datagram it answers, so a forged source address cannot make eco
 * an amplifier: a message's echo carries no {@code seq} (with it, every echo would outgrow its request), an
 * error too long keeps only its code (and id), and a reply that still does not fit is not sent.
 */
final class DatagramAnswers implements Conversation {

    /** What to send back. */
    enum Answer {
        /** The datagram itself, byte for byte. */
        ECHO,
        /** {@link #reply()}. */
        REPLY,
        /** Nothing, and the drop is counted: every form of the reply has more bytes than the datagram. */
        TOO_LARGE
    }

    private final Codec codec;
    private final Dispatcher dispatcher;
    private final ServerMetrics metrics;
    // The datagram being answered.
    private Style style;
    private Reply reply;
    private byte[] replyBytes;

    DatagramAnswers(Codec codec, Dispatcher dispatcher, ServerMetrics metrics) {
        this.codec = codec;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
    }

    /** Answers the datagram in {@code buf[0..len)}. */
    Answer answer(byte[] buf, int len) {
        LineEnd end = LineEnd.ending(buf, 0, len);
        int frameLen = end == null ? len : len - end.length();
        LineEnd replyEnd = end == null ? LineEnd.LF : end;
        Inbound inbound = frameLen > codec.limits().maxFrameBytes()
                ? codec.tooLong(buf, 0, Math.min(frameLen, FrameDecoder.HEAD_BYTES), replyEnd)
                : codec.decode(buf, 0, frameLen, replyEnd);
        this.style = inbound.style();
        this.reply = null;
        dispatcher.dispatch(inbound, this);
        if (reply == null) {
            return Answer.ECHO;
        }
        if (reply instanceof ErrorReply error) {
            metrics.errorReply(ServerMetrics.ListenerKind.UDP, error.code());
        }
        boolean bare = end == null;
        byte[] bytes = reply instanceof Posted posted
                ? bare(codec.encode(new Post(posted.body(), posted.id()), style), bare)
                : bare(codec.encode(reply, style), bare);
        if (bytes.length > len && reply instanceof ErrorReply error) {
            bytes = codeOnly(error, bare);
        }
        if (bytes.length > len) {
            metrics.udpDropped(UdpDrop.REPLY_TOO_LARGE, len);
            return Answer.TOO_LARGE;
        }
        replyBytes = bytes;
        return Answer.REPLY;
    }

    /** The reply of the last {@link Answer#REPLY}. */
    byte[] reply() {
        return replyBytes;
    }

    /** The shortest form of an error: {@code error: CODE}, or {@code {"type":"error","code":CODE,"id":ID}}. */
    private byte[] codeOnly(ErrorReply error, boolean bare) {
        String code = error.code().wireName(); // lower-case ASCII: nothing to escape
        String text = !style.isJson()
                ? "error: " + code
                : "{\"type\":\"error\",\"code\":\"" + code + "\""
                        + (error.id() == null ? "" : ",\"id\":" + error.id().json()) + "}";
        String ended = bare ? text : text + style.lineEnd().text();
        return ended.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bare(byte[] bytes, boolean withoutTerminator) {
        return withoutTerminator ? Arrays.copyOf(bytes, bytes.length - 1) : bytes;
    }

    @Override
    public void echo() {
        reply = null;
    }

    @Override
    public void send(Reply value) {
        reply = value;
    }

    /** Unused on the wire: a datagram's echo carries no {@code seq}. */
    @Override
    public long nextSeq() {
        return 0;
    }
}
