package dev.eco.server.udp;

import dev.eco.protocol.Codec;
import dev.eco.protocol.FrameDecoder;
import dev.eco.protocol.Inbound;
import dev.eco.protocol.LineEnd;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Reply;
import dev.eco.protocol.Style;
import dev.eco.server.ServerMetrics;
import dev.eco.server.session.Conversation;
import dev.eco.server.session.Dispatcher;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * The answer to one datagram, through the same {@link Dispatcher} as a line connection, without sockets.
 * Each datagram is one frame; its reply ends as it ended (LF, CRLF, or nothing). UDP thread only.
 */
final class DatagramAnswers implements Conversation {

    /** A reply is at most this many bytes longer than the datagram it answers, so eco amplifies no attack. */
    static final int MAX_REPLY_GROWTH = 64;
    /** Senders whose message {@code seq} is remembered. */
    static final int TRACKED_SENDERS = 10_000;

    /** What to send back. */
    enum Answer {
        /** The datagram itself, byte for byte. */
        ECHO,
        /** {@link #reply()}. */
        REPLY,
        /** Nothing: no reply within the size bound is possible. */
        TOO_LARGE
    }

    private final Codec codec;
    private final Dispatcher dispatcher;
    private final ServerMetrics metrics;
    private final LruMap<InetSocketAddress, long[]> sequences = new LruMap<>(TRACKED_SENDERS);
    // The datagram being answered.
    private InetSocketAddress source;
    private Style style;
    private Reply reply;
    private byte[] replyBytes;

    DatagramAnswers(Codec codec, Dispatcher dispatcher, ServerMetrics metrics) {
        this.codec = codec;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
    }

    /** Answers the datagram in {@code buf[0..len)} from {@code source}. */
    Answer answer(byte[] buf, int len, InetSocketAddress source) {
        LineEnd end = LineEnd.ending(buf, 0, len);
        int frameLen = end == null ? len : len - end.length();
        LineEnd replyEnd = end == null ? LineEnd.LF : end;
        Inbound inbound = frameLen > codec.limits().maxFrameBytes()
                ? codec.tooLong(buf, 0, Math.min(frameLen, FrameDecoder.HEAD_BYTES), replyEnd)
                : codec.decode(buf, 0, frameLen, replyEnd);
        this.source = source;
        this.style = inbound.style();
        this.reply = null;
        dispatcher.dispatch(inbound, this);
        if (reply == null) {
            return Answer.ECHO;
        }
        if (reply instanceof ErrorReply error) {
            metrics.errorReply(ServerMetrics.Listener.UDP, error.code());
        }
        byte[] bytes = encode(reply, end == null);
        if (bytes.length > len + MAX_REPLY_GROWTH && reply instanceof ErrorReply error) {
            bytes = encode(new ErrorReply(error.code(), error.code().wireName().replace('_', ' ')), end == null);
        }
        if (bytes.length > len + MAX_REPLY_GROWTH) {
            return Answer.TOO_LARGE;
        }
        replyBytes = bytes;
        return Answer.REPLY;
    }

    /** The reply of the last {@link Answer#REPLY}. */
    byte[] reply() {
        return replyBytes;
    }

    private byte[] encode(Reply value, boolean withoutTerminator) {
        byte[] bytes = codec.encode(value, style);
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

    @Override
    public long nextSeq() {
        return ++sequences.computeIfAbsent(source, s -> new long[1])[0];
    }
}
