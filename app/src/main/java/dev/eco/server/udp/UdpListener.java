package dev.eco.server.udp;

import dev.eco.protocol.Codec;
import dev.eco.protocol.LineEnd;
import dev.eco.server.Loops;
import dev.eco.server.ServerLoop;
import dev.eco.server.ServerMetrics;
import dev.eco.server.ServerMetrics.ListenerKind;
import dev.eco.server.ServerMetrics.UdpDrop;
import dev.eco.server.net.Families;
import dev.eco.server.net.Peers;
import dev.eco.server.net.QuietLog;
import dev.eco.server.session.Dispatcher;
import dev.eco.server.testing.FrameLog;
import dev.eco.server.testing.RecordedFrame;
import dev.eco.server.testing.Taps;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.time.Instant;
import org.tinylog.Logger;

/**
 * The UDP echo, on one dedicated platform thread. Each datagram is one frame, answered by
 * {@link DatagramAnswers}: text is echoed byte for byte (RFC 862), {@code quit} gets {@code bye}, JSON gets
 * its JSON replies and chat {@code unsupported}. The reply goes to the sender; an echo is the received packet
 * sent back as it is, with no copy and no new packet. With faults on, replies go through {@link DatagramFaults};
 * with recording on, each datagram is recorded as it arrived.
 */
public final class UdpListener implements Runnable {

    /** Big enough for any datagram (the IPv4 payload limit is 65,507 bytes), so none is cut short unseen. */
    private static final int MAX_DATAGRAM = 65_535;
    /** A failure while answering one datagram is logged at most once per this period, with the count of others. */
    static final Duration LOG_PERIOD = Duration.ofSeconds(10);

    private final DatagramSocket socket;
    private final UdpGuard guard;
    private final DatagramAnswers answers;
    private final ServerMetrics metrics;
    private final Taps taps;
    private final DatagramFaults faults;
    private final Loops loops;
    private final QuietLog failedLog = new QuietLog(LOG_PERIOD);
    private final Thread thread;

    public UdpListener(
            DatagramSocket socket,
            Codec codec,
            int ratePerSecond,
            int burst,
            ServerMetrics metrics,
            Taps taps,
            Loops loops) {
        this.socket = socket;
        this.guard = new UdpGuard(ratePerSecond, burst);
        this.answers = new DatagramAnswers(codec, new Dispatcher(codec, 0), metrics);
        this.metrics = metrics;
        this.taps = taps;
        this.faults = new DatagramFaults(socket, metrics);
        this.loops = loops;
        this.thread = Thread.ofPlatform().name("eco-udp").unstarted(this);
    }

    /**
     * A UDP socket on {@code address}, of its address's family ({@link Families}); closed again if binding fails.
     * Without {@code SO_REUSEADDR}: on Linux, another process that set it too could bind the same port and receive
     * eco's datagrams.
     */
    public static DatagramSocket bind(InetSocketAddress address) throws IOException {
        DatagramSocket socket = DatagramChannel.open(Families.of(address)).socket();
        try {
            socket.setReuseAddress(false);
            socket.bind(address);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public void start() {
        thread.start();
    }

    /** Receives until {@link #close()}; an end for any other reason is reported to the {@link Loops}. */
    @Override
    public void run() {
        try {
            receiveUntilClosed();
        } catch (RuntimeException | Error e) {
            loops.ended(ServerLoop.UDP, e);
        }
    }

    private void receiveUntilClosed() {
        byte[] buf = new byte[MAX_DATAGRAM];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        DatagramPacket reply = new DatagramPacket(buf, 0);
        while (!socket.isClosed()) {
            packet.setData(buf); // the whole buffer again: receive() shortened the length
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (socket.isClosed()) {
                    break; // shutdown
                }
                Logger.warn("udp receive failed: {}", e.getMessage());
                continue;
            }
            try {
                answer(packet, reply, buf);
            } catch (RuntimeException e) { // one datagram's trouble (a bug) ends no loop
                long skipped = failedLog.tryLog(System.nanoTime());
                if (skipped >= 0) {
                    Logger.error(
                            e,
                            "udp: answering a datagram failed; it goes on{}",
                            skipped == 0 ? "" : " (and " + skipped + " more failures not logged)");
                }
            }
        }
    }

    private void answer(DatagramPacket packet, DatagramPacket reply, byte[] buf) {
        int len = packet.getLength();
        InetSocketAddress source = (InetSocketAddress) packet.getSocketAddress();
        Taps.Now now = taps.now(); // the one look at the test controls per datagram
        if (now.recording() != null) {
            record(now.recording(), buf, len, source);
        }
        UdpDrop verdict = guard.check(source, System.nanoTime());
        if (verdict != null) {
            drop(source, verdict, len);
            return;
        }
        try {
            switch (answers.answer(buf, len)) {
                case ECHO -> {
                    send(now, packet); // its data, length and address are the datagram's own
                    metrics.udpAnswered(len, len);
                }
                case REPLY -> {
                    byte[] bytes = answers.reply();
                    reply.setData(bytes);
                    reply.setSocketAddress(source);
                    send(now, reply);
                    metrics.udpAnswered(len, bytes.length);
                }
                case TOO_LARGE -> logDrop(source, UdpDrop.REPLY_TOO_LARGE); // counted by the answers
            }
        } catch (IOException e) {
            Logger.debug("udp send to {} failed: {}", Peers.describe(source), e.getMessage());
        }
    }

    private void send(Taps.Now now, DatagramPacket packet) throws IOException {
        if (now.faults().isEmpty()) {
            socket.send(packet);
        } else {
            faults.send(
                    now.faults(), packet.getData(), packet.getOffset(), packet.getLength(), packet.getSocketAddress());
        }
    }

    /** A datagram as a recorded frame: its bytes without a final LF or CRLF. */
    private static void record(FrameLog recording, byte[] buf, int len, InetSocketAddress source) {
        LineEnd end = LineEnd.ending(buf, 0, len);
        recording.add(new RecordedFrame(
                ListenerKind.UDP, 0, source, Instant.now(), buf, 0, end == null ? len : len - end.length(), end));
    }

    /** The flood path: counts, and builds no string unless debug logging is on. */
    private void drop(InetSocketAddress source, UdpDrop why, int len) {
        metrics.udpDropped(why, len);
        logDrop(source, why);
    }

    private static void logDrop(InetSocketAddress source, UdpDrop why) {
        if (Logger.isDebugEnabled()) {
            Logger.debug("udp datagram from {} dropped: {}", Peers.describe(source), why);
        }
    }

    public void close() {
        socket.close();
        faults.close();
        try {
            if (thread.isAlive()) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Logger.info("udp closed");
    }
}
