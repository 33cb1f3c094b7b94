package dev.eco.server.net;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import dev.eco.protocol.ErrorCode;
import dev.eco.server.ServerMetrics;
import dev.eco.server.testing.Taps;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import org.tinylog.Logger;

/**
 * The accept loop of one TCP listener, on one named platform thread. It only accepts, admits and hands
 * each connection to a new virtual thread; it never reads from or writes to a client, so no client can
 * stall it, and nothing that goes wrong with one socket ends it.
 */
public final class TcpListener implements Runnable {

    /** How long a refused client's input is read away before its socket is closed. */
    private static final Duration REFUSE_LINGER = Duration.ofSeconds(1);
    /** After a failed accept the loop pauses, 10 ms doubling up to this, so that it never spins. */
    private static final long MAX_ACCEPT_PAUSE_MILLIS = 200;
    /** Refused connections and failed admissions are logged at most once per this period. */
    static final Duration LOG_PERIOD = Duration.ofSeconds(10);

    /** Refused connections told {@code server_full} at once; beyond this they are closed without a word. */
    static final int MAX_REFUSALS_AT_ONCE = 64;

    private final Semaphore refusals = new Semaphore(MAX_REFUSALS_AT_ONCE);
    private final QuietLog refusedLog = new QuietLog(LOG_PERIOD);
    private final QuietLog failedLog = new QuietLog(LOG_PERIOD);
    private final ServerMetrics.ListenerKind listener;
    private final String kind;
    private final ServerSocket server;
    private final Transport transport;
    private final Connections connections;
    private final Session.Factory sessions;
    private final ServerMetrics metrics;
    private final Taps taps;
    /** What a connection over the limit is told before it is closed; null to close it silently. */
    private final byte[] fullNotice;

    private final Thread thread;
    /** Counted down by {@link #close}: a pause after a failed accept ends at once. */
    private final CountDownLatch closed = new CountDownLatch(1);

    public TcpListener(
            ServerMetrics.ListenerKind listener,
            ServerSocket server,
            Transport transport,
            Connections connections,
            Session.Factory sessions,
            byte[] fullNotice,
            ServerMetrics metrics,
            Taps taps) {
        this.listener = listener;
        this.kind = listener.name().toLowerCase(Locale.ROOT);
        this.server = server;
        this.transport = transport;
        this.connections = connections;
        this.sessions = sessions;
        this.fullNotice = fullNotice;
        this.metrics = metrics;
        this.taps = taps;
        this.thread =
                Thread.ofPlatform().name("eco-accept-" + kind).daemon(false).unstarted(this);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    public void start() {
        thread.start();
    }

    @Override
    public void run() {
        int failures = 0;
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) { // closed: shutdown, the loop ends
                    pauseAfter(++failures, e);
                }
                continue;
            }
            if (failures > 0) {
                Logger.info("{} accepting again after {} failed attempts", kind, failures);
                failures = 0;
            }
            try {
                admit(socket);
            } catch (RuntimeException e) { // one socket's trouble (out of memory for a thread, a bug) ends no loop
                closeQuietly(socket);
                long skipped = failedLog.tryLog(System.nanoTime());
                if (skipped >= 0) {
                    Logger.warn(e, "{} could not admit a connection{}", kind, also(skipped));
                }
            }
        }
    }

    /**
     * Out of file descriptors, accept fails at once for as long as that lasts: retrying at once would spin a
     * core and flood the log. So each run of failures is logged once, and the loop pauses before each retry.
     */
    private void pauseAfter(int failures, IOException e) {
        if (failures == 1) {
            Logger.warn("{} accept failed: {}; retrying with pauses", kind, e.getMessage());
        } else {
            Logger.debug("{} accept failed again ({}): {}", kind, failures, e.getMessage());
        }
        try {
            var _ = closed.await(Math.min(MAX_ACCEPT_PAUSE_MILLIS, 10L << Math.min(failures - 1, 10)), MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void admit(Socket socket) {
        if (!connections.tryAdmit()) {
            refuse(socket);
            return;
        }
        boolean started = false;
        try {
            Wire wire = transport.accept(socket);
            String peer = Peers.describe(wire.remote());
            connections.start(
                    new ConnectionHandler(wire, listener, metrics, sessions, taps), "eco-" + kind + " " + peer);
            started = true;
        } catch (IOException e) {
            Logger.debug("{} accepting a connection: {}", kind, e.getMessage());
            closeQuietly(socket);
        } finally {
            if (!started) {
                connections.release();
            }
        }
    }

    private void refuse(Socket socket) {
        metrics.connectionRefused(listener);
        long skipped = refusedLog.tryLog(System.nanoTime());
        if (skipped >= 0) {
            Logger.warn(
                    "{} {} refused: server full ({} connections){}",
                    kind,
                    Peers.describe(socket.getRemoteSocketAddress()),
                    connections.max(),
                    also(skipped));
        }
        if (fullNotice == null || !refusals.tryAcquire()) {
            closeQuietly(socket); // a flood of connects beyond the limit must not cost a descriptor each
            return;
        }
        try {
            Wire wire = transport.accept(socket);
            Thread.ofVirtual()
                    .name("eco-refuse " + Peers.describe(wire.remote()))
                    .start(() -> {
                        try {
                            tellFull(wire);
                        } finally {
                            refusals.release();
                        }
                    });
        } catch (IOException | RuntimeException e) {
            refusals.release();
            closeQuietly(socket);
            Logger.debug("refusing a connection: {}", e.getMessage());
        }
    }

    private static String also(long skipped) {
        return skipped == 0 ? "" : " (and " + skipped + " more not logged)";
    }

    /** Runs on its own virtual thread, so that a client that does not read cannot stall the accept loop. */
    private void tellFull(Wire wire) {
        try (wire) {
            OutputStream out = wire.output();
            metrics.errorReply(listener, ErrorCode.SERVER_FULL); // counted as sent, like every other error reply
            out.write(fullNotice);
            out.flush();
            wire.closeAndDrain(REFUSE_LINGER);
        } catch (IOException e) {
            Logger.debug("refusing a connection: {}", e.getMessage());
        }
    }

    /** Stops accepting; connections already open are the {@link Connections}' to drain. */
    public void close() {
        closeQuietly(server);
        // Ends a pause after a failed accept at once. Not an interrupt: the listening socket is a channel's, and
        // an interrupt that lands as accept() completes would throw, and the connection it accepted be lost.
        closed.countDown();
        try {
            if (thread.isAlive()) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            Logger.debug("close: {}", e.getMessage());
        }
    }
}
