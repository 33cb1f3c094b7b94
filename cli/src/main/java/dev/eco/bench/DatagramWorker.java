package dev.eco.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * Drives connected UDP sockets. Each reply must equal one of the datagrams in flight on its socket; loopback
 * keeps order, so datagrams older than the one answered are counted lost (as timeouts) at once, and the
 * closed loop replaces every message that is answered, wrong or lost.
 */
final class DatagramWorker extends Worker {

    /** Datagrams read per readiness event before the selector is asked again. */
    private static final int READS_PER_EVENT = 32;

    DatagramWorker(
            BenchConfig config,
            InetSocketAddress target,
            SourceAddresses sources,
            List<BenchConnection> connections,
            CountDownLatch connected,
            CompletableFuture<Window> go)
            throws IOException {
        super(config, target, sources, connections, connected, go);
    }

    @Override
    boolean startConnect(BenchConnection c) throws IOException {
        DatagramChannel ch = DatagramChannel.open(
                target.getAddress() instanceof java.net.Inet6Address
                        ? java.net.StandardProtocolFamily.INET6
                        : java.net.StandardProtocolFamily.INET);
        c.channel = ch;
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
        InetSocketAddress source = sources.forConnection(c.id);
        if (source != null) {
            ch.bind(source);
        }
        ch.connect(target);
        c.key = ch.register(selector, SelectionKey.OP_READ, c);
        return false;
    }

    @Override
    void ready(BenchConnection c, SelectionKey key, long now) {
        DatagramChannel ch = (DatagramChannel) c.channel;
        for (int r = 0; r < READS_PER_EVENT && c.state == BenchConnection.State.OPEN; r++) {
            int n;
            try {
                n = ch.read(in.clear());
            } catch (IOException e) { // ICMP port unreachable: nothing listens there (any more)
                recorder.disconnects++;
                close(c);
                return;
            }
            if (n <= 0) {
                return;
            }
            in.flip().get(inBytes, 0, n);
            check(c, n, now);
        }
    }

    private void check(BenchConnection c, int n, long now) {
        if (c.inFlight() == 0) {
            recorder.mismatches++;
            return;
        }
        long found = -1;
        for (long s = c.oldest; s < c.next; s++) {
            payload.id(c.id, s, id);
            if (payload.matches(inBytes, 0, n, id)) {
                found = s;
                break;
            }
        }
        int resolved;
        if (found < 0) {
            recorder.mismatches++;
            c.resolveOldest();
            resolved = 1;
        } else {
            resolved = (int) (found - c.oldest) + 1;
            recorder.timeouts += resolved - 1;
            recorder.reply(now - c.sentAt(found), n, measured(now));
            c.oldest = found + 1;
        }
        if (!config.openLoop()) {
            send(c, resolved, now);
        }
    }

    @Override
    void send(BenchConnection c, int count, long time) {
        DatagramChannel ch = (DatagramChannel) c.channel;
        int size = payload.size();
        for (int j = 0; j < count && c.state == BenchConnection.State.OPEN; j++) {
            payload.write(outBytes, 0, c.id, c.sent(time), id);
            try {
                ch.write(out.clear().put(outBytes, 0, size).flip()); // a full socket buffer drops it: a timeout later
            } catch (IOException e) {
                recorder.disconnects++;
                close(c);
            }
        }
    }

    @Override
    void timedOut(BenchConnection c, long now) {
        recorder.timeouts++;
        c.resolveOldest();
        if (!config.openLoop()) {
            send(c, 1, now);
        }
    }
}
