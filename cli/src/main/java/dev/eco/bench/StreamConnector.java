package dev.eco.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * Opens a stream worker's TCP connections without blocking: connects each from its source address, then, in
 * WebSocket mode, sends the upgrade request and reads the response. A connection is open once it is connected,
 * or in WebSocket mode once the response is a whole 101.
 */
final class StreamConnector {

    private final Worker worker;
    /** WebSocket mode: the request that upgrades each connection; null otherwise. */
    private final byte[] upgradeRequest;

    StreamConnector(Worker worker, byte[] upgradeRequest) {
        this.worker = worker;
        this.upgradeRequest = upgradeRequest;
    }

    /** Starts opening {@code c}; returns true if the connect is still in progress. */
    boolean start(BenchConnection c) throws IOException {
        SocketChannel ch = SocketChannel.open();
        c.channel = ch;
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        InetSocketAddress source = worker.sources.forConnection(c.id);
        if (source != null) {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true); // ports in TIME_WAIT from a last run are fine
            ch.bind(source);
        }
        boolean done = ch.connect(worker.target);
        c.key = ch.register(worker.selector, done ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, c);
        return !done;
    }

    /** {@code c}, still connecting, is ready: its connect finished, or more of the response to its upgrade came. */
    void ready(BenchConnection c, SocketChannel ch, SelectionKey key) {
        try {
            if (c.upgrade != null) {
                upgraded(c, ch);
                return;
            }
            ch.finishConnect();
            key.interestOps(SelectionKey.OP_READ);
            if (upgradeRequest == null) {
                worker.connects.opened(c);
            } else {
                c.upgrade = new StringBuilder();
                ch.write(ByteBuffer.wrap(upgradeRequest)); // a few hundred bytes: a fresh socket takes them
            }
        } catch (IOException e) {
            worker.connects.failed(c, e);
        }
    }

    /** WebSocket mode: reads the response to the upgrade; the connection is open once it is a whole 101. */
    private void upgraded(BenchConnection c, SocketChannel ch) throws IOException {
        int n = ch.read(worker.in.clear());
        if (n < 0) {
            throw new IOException("the server closed the connection instead of upgrading it");
        }
        if (WsFrames.upgraded(c.upgrade, worker.in.flip())) {
            c.upgrade = null;
            worker.connects.opened(c);
        }
    }
}
