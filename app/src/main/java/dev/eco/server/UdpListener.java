package dev.eco.server;

import dev.eco.protocol.Codec;
import dev.eco.protocol.ErrorCode;
import dev.eco.protocol.FrameDecoder;
import dev.eco.protocol.Inbound;
import dev.eco.protocol.LineEnd;
import dev.eco.protocol.Message.Bye;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Help;
import dev.eco.protocol.Message.Invalid;
import dev.eco.protocol.Message.Join;
import dev.eco.protocol.Message.Leave;
import dev.eco.protocol.Message.Nick;
import dev.eco.protocol.Message.Ping;
import dev.eco.protocol.Message.Pong;
import dev.eco.protocol.Message.Post;
import dev.eco.protocol.Message.Posted;
import dev.eco.protocol.Message.Quit;
import dev.eco.protocol.Message.Reply;
import dev.eco.protocol.Message.Rooms;
import dev.eco.protocol.Message.Text;
import dev.eco.protocol.Message.Who;
import dev.eco.protocol.Style;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import org.tinylog.Logger;

/**
 * The UDP echo, on one dedicated platform thread. Each datagram is one frame: text is echoed byte for byte
 * (RFC 862), {@code quit} gets {@code bye}, JSON {@code message}, {@code ping} and {@code quit} get their
 * JSON replies and any other request {@code unsupported}. The reply goes to the sender.
 */
final class UdpListener implements Runnable {

    /** A reply is at most this many bytes longer than the datagram it answers, so eco amplifies no attack. */
    static final int MAX_REPLY_GROWTH = 64;
    /** Big enough for any datagram (the IPv4 payload limit is 65,507 bytes), so none is cut short unseen. */
    private static final int MAX_DATAGRAM = 65_535;
    /** Senders whose message {@code seq} is remembered. */
    private static final int TRACKED_SENDERS = 10_000;

    private final DatagramSocket socket;
    private final Codec codec;
    private final UdpGuard guard;
    private final LruMap<InetSocketAddress, long[]> sequences = new LruMap<>(TRACKED_SENDERS);
    private final Thread thread;
    private final LongAdder answered = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    UdpListener(DatagramSocket socket, Codec codec, ServerConfig config) {
        this.socket = socket;
        this.codec = codec;
        this.guard = new UdpGuard(config.udpRatePerSecond(), config.udpBurst());
        this.thread = Thread.ofPlatform().name("eco-udp").unstarted(this);
    }

    static DatagramSocket bind(InetSocketAddress address) throws IOException {
        DatagramSocket socket = new DatagramSocket(null);
        try {
            socket.setReuseAddress(true);
            socket.bind(address);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        byte[] buf = new byte[MAX_DATAGRAM];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        while (!socket.isClosed()) {
            packet.setData(buf);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (socket.isClosed()) {
                    break; // shutdown
                }
                Logger.warn("udp receive failed: {}", e.getMessage());
                continue;
            }
            InetSocketAddress source = (InetSocketAddress) packet.getSocketAddress();
            UdpGuard.Verdict verdict = guard.check(source, System.nanoTime());
            if (verdict != UdpGuard.Verdict.ANSWER) {
                drop(source, verdict.name().toLowerCase(java.util.Locale.ROOT));
                continue;
            }
            byte[] reply = answer(buf, packet.getLength(), source);
            if (reply == null) {
                drop(source, "reply too large");
                continue;
            }
            try {
                socket.send(new DatagramPacket(reply, reply.length, source));
                answered.increment();
            } catch (IOException e) {
                Logger.debug("udp send to {} failed: {}", Peers.describe(source), e.getMessage());
            }
        }
    }

    /** The reply to one datagram, or null when no reply within the size bound is possible. */
    byte[] answer(byte[] buf, int len, InetSocketAddress source) {
        LineEnd end = null;
        int frameLen = len;
        if (len > 0 && buf[len - 1] == '\n') {
            boolean cr = len > 1 && buf[len - 2] == '\r';
            end = cr ? LineEnd.CRLF : LineEnd.LF;
            frameLen = len - (cr ? 2 : 1);
        }
        LineEnd replyEnd = end == null ? LineEnd.LF : end;
        Inbound inbound = frameLen > codec.limits().maxFrameBytes()
                ? codec.tooLong(buf, 0, Math.min(frameLen, FrameDecoder.HEAD_BYTES), replyEnd)
                : codec.decode(buf, 0, frameLen, replyEnd);
        Style style = inbound.style();
        Reply reply = switch (inbound.request()) {
            case Text text -> null; // echoed as the very bytes received
            case Quit quit -> new Bye();
            case Post post -> Posted.echo(post.body(), post.id(), nextSeq(source));
            case Ping ping -> style.isJson() ? new Pong(ping.id()) : null;
            case Help help -> style.isJson() ? unsupported() : null;
            case Nick n -> unsupported();
            case Join j -> unsupported();
            case Leave l -> unsupported();
            case Who w -> unsupported();
            case Rooms r -> unsupported();
            case Invalid invalid -> style.isJson() || !isBadUtf8(invalid) ? invalid.error() : null;
        };
        if (reply == null) {
            return Arrays.copyOf(buf, len);
        }
        byte[] bytes = withoutTerminatorIf(end == null, codec.encode(reply, style));
        if (bytes.length > len + MAX_REPLY_GROWTH && reply instanceof ErrorReply error) {
            ErrorReply brief = new ErrorReply(error.code(), error.code().wireName().replace('_', ' '));
            bytes = withoutTerminatorIf(end == null, codec.encode(brief, style));
        }
        return bytes.length > len + MAX_REPLY_GROWTH ? null : bytes;
    }

    private static ErrorReply unsupported() {
        return new ErrorReply(ErrorCode.UNSUPPORTED, "UDP serves echo, not chat");
    }

    /** RFC 862 echoes any bytes; only JSON must be valid UTF-8. */
    private static boolean isBadUtf8(Invalid invalid) {
        return invalid.error().code() == ErrorCode.BAD_UTF8;
    }

    private long nextSeq(InetSocketAddress source) {
        return ++sequences.computeIfAbsent(source, s -> new long[1])[0];
    }

    private static byte[] withoutTerminatorIf(boolean strip, byte[] bytes) {
        return strip ? Arrays.copyOf(bytes, bytes.length - 1) : bytes;
    }

    private void drop(InetSocketAddress source, String why) {
        dropped.increment();
        Logger.debug("udp datagram from {} dropped: {}", Peers.describe(source), why);
    }

    long answered() {
        return answered.sum();
    }

    long dropped() {
        return dropped.sum();
    }

    void close() {
        socket.close();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Logger.info("udp closed: {} datagrams answered, {} dropped", answered(), dropped());
    }
}
