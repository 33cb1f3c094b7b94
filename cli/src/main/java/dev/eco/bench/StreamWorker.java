package dev.eco.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * Drives TCP connections (line echo or raw). The reply stream of a connection must equal the stream sent on
 * it, byte for byte: each reply is compared as it arrives against the message it answers, which is
 * regenerated from its number, so nothing sent is kept but its send time. A wrong line is counted and
 * skipped to its LF; wrong raw bytes cannot be realigned, so that connection is closed.
 */
final class StreamWorker extends Worker {

    private final StreamFormat format;
    /** Reply bytes before the end of a message's identity: it must be known to check those. */
    private final int idEnd;
    /** Connects each connection and, in WebSocket mode, upgrades it. */
    private final StreamConnector connector;

    StreamWorker(
            BenchConfig config,
            InetSocketAddress target,
            SourceAddresses sources,
            List<BenchConnection> connections,
            CountDownLatch connected,
            CompletableFuture<Window> go)
            throws IOException {
        super(config, target, sources, connections, connected, go);
        boolean ws = config.mode() == Mode.WS;
        this.format = ws ? new WsFrames(payload) : payload;
        this.connector =
                new StreamConnector(this, ws ? WsFrames.upgradeRequest(config.host() + ":" + config.port()) : null);
        this.idEnd = format.replySize() - payload.size() + Payload.ID_CHARS;
    }

    @Override
    boolean startConnect(BenchConnection c) throws IOException {
        return connector.start(c);
    }

    @Override
    void ready(BenchConnection c, SelectionKey key, long now) {
        SocketChannel ch = (SocketChannel) c.channel;
        if (c.state == BenchConnection.State.CONNECTING) {
            connector.ready(c, ch, key);
            return;
        }
        if (c.state != BenchConnection.State.OPEN) {
            return;
        }
        if (key.isWritable()) {
            flush(c);
        }
        if (c.state == BenchConnection.State.OPEN && key.isReadable()) {
            read(c, ch, now);
        }
    }

    private void read(BenchConnection c, SocketChannel ch, long now) {
        int n;
        try {
            n = ch.read(in.clear());
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            if (window != null) {
                recorder.disconnects++;
            }
            close(c);
            return;
        }
        in.flip().get(inBytes, 0, n);
        check(c, inBytes, n, now);
    }

    private void check(BenchConnection c, byte[] buf, int n, long now) {
        int size = format.replySize();
        int answered = 0;
        int i = 0;
        while (i < n) {
            if (c.skipping) {
                while (i < n && buf[i] != '\n') {
                    i++;
                }
                if (i == n) {
                    break;
                }
                i++;
                c.skipping = false;
                c.resolveOldest();
                answered++;
                continue;
            }
            if (c.inFlight() == 0) { // bytes nobody asked for
                recorder.mismatches++;
                close(c);
                return;
            }
            int offset = c.offset;
            if (offset < idEnd) {
                payload.id(c.id, c.oldest, id);
            }
            int take = Math.min(n - i, size - offset);
            int bad = -1;
            for (int k = 0; k < take; k++) {
                if (buf[i + k] != format.expected(id, offset + k)) {
                    bad = k;
                    break;
                }
            }
            if (bad >= 0) {
                recorder.mismatches++;
                if (!config.mode().lineEnded()) {
                    close(c);
                    return;
                }
                i += bad + 1;
                if (buf[i - 1] == '\n') {
                    c.resolveOldest();
                    answered++;
                } else {
                    c.skipping = true;
                }
                continue;
            }
            i += take;
            c.offset += take;
            if (c.offset == size) {
                recorder.reply(now - c.sentAt(c.oldest), size, measured(now));
                c.resolveOldest();
                answered++;
            }
        }
        if (!config.openLoop() && answered > 0) {
            send(c, answered, now);
        }
    }

    @Override
    void send(BenchConnection c, int count, long time) {
        int size = format.sentSize();
        int perBatch = Math.max(1, outBytes.length / size);
        while (count > 0 && c.state == BenchConnection.State.OPEN) {
            int k = Math.min(count, perBatch);
            for (int j = 0; j < k; j++) {
                format.write(outBytes, j * size, c.id, c.sent(time), id);
            }
            write(c, k * size);
            count -= k;
        }
    }

    private void write(BenchConnection c, int length) {
        if (c.unsent != null) {
            ByteBuffer more = ByteBuffer.allocate(c.unsent.remaining() + length);
            c.unsent = more.put(c.unsent).put(outBytes, 0, length).flip();
            return;
        }
        try {
            ((SocketChannel) c.channel)
                    .write(out.clear().put(outBytes, 0, length).flip());
        } catch (IOException e) {
            recorder.disconnects++;
            close(c);
            return;
        }
        if (out.hasRemaining()) {
            c.unsent = ByteBuffer.allocate(out.remaining()).put(out).flip();
            c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    private void flush(BenchConnection c) {
        try {
            ((SocketChannel) c.channel).write(c.unsent);
        } catch (IOException e) {
            recorder.disconnects++;
            close(c);
            return;
        }
        if (!c.unsent.hasRemaining()) {
            c.unsent = null;
            c.key.interestOps(SelectionKey.OP_READ);
        }
    }

    @Override
    void timedOut(BenchConnection c, long now) {
        // The reply stream can no longer be trusted to line up, so the connection ends here.
        recorder.timeouts++;
        close(c);
    }
}
