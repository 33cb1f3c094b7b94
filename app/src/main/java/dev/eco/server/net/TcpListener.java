package dev.eco.server.net;

import dev.eco.server.Loops;
import dev.eco.server.ServerLoop;
import dev.eco.server.ServerMetrics;
import dev.eco.server.ServerMetrics.Refusal;
import dev.eco.server.testing.Taps;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * The accept loop of one TCP listener, on one named platform thread. It only accepts, admits and hands
 * each connection to a new virtual thread; it never reads from or writes to a client, so no client can
 * stall it, and nothing that goes wrong with one socket ends it. Should it end anyway, it says so to the
 * {@link Loops}, which the health check reads.
 */
public final class TcpListener implements Runnable {

    /** After a failed accept or admission the loop pauses, 10 ms doubling up to this, so that it never spins. */
    private static final long MAX_PAUSE_MILLIS = 200;
    /** Refused connections and failed admissions are logged at most once per this period. */
    static final Duration LOG_PERIOD = Duration.ofSeconds(10);

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
    private final Refusals refusals;
    private final Loops loops;

    private final Thread thread;
    /**
     * Released by {@link #close}, which cuts a pause after a failed accept short with it and never interrupts the
     * thread: the listening socket is an interruptible channel, and an interrupt that lands as {@code accept}
     * returns closes it with {@code ClosedByInterruptException} while the JDK drops the connection it has just
     * accepted without closing it, so that client waits on a socket nobody owns.
     */
    private final CountDownLatch closed = new CountDownLatch(1);

    /** {@code notices}: what a refused line client is told, by reason; empty to close refused clients silently. */
    public TcpListener(
            ServerMetrics.ListenerKind listener,
            ServerSocket server,
            Transport transport,
            Connections connections,
            Session.Factory sessions,
            Map<Refusal, byte[]> notices,
            ServerMetrics metrics,
            Taps taps,
            Loops loops) {
        this.listener = listener;
        this.kind = listener.name().toLowerCase(Locale.ROOT);
        this.server = server;
        this.transport = transport;
        this.connections = connections;
        this.sessions = sessions;
        this.metrics = metrics;
        this.taps = taps;
        this.refusals = new Refusals(transport, listener, metrics, notices);
        this.loops = loops;
        this.thread =
                Thread.ofPlatform().name("eco-accept-" + kind).daemon(false).unstarted(this);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    public void start() {
        thread.start();
    }

    /** Accepts until {@link #close()}; an end for any other reason is reported to the {@link Loops}. */
    @Override
    public void run() {
        try {
            acceptUntilClosed();
        } catch (RuntimeException | Error e) {
            loops.ended(ServerLoop.accepting(listener), e);
        }
    }

    private void acceptUntilClosed() {
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
                Logger.info("{} accepting again after {}", kind, Plural.of(failures, "failed attempt"));
                failures = 0;
            }
            try {
                admit(socket);
            } catch (RuntimeException | OutOfMemoryError e) {
                // One socket's trouble ends no loop: a bug, or no memory for its thread (which more sockets
                // would only repeat, so the loop pauses as after a failed accept).
                closeQuietly(socket);
                long skipped = failedLog.tryLog(System.nanoTime());
                if (skipped >= 0) {
                    Logger.warn(e, "{} could not admit a connection{}", kind, also(skipped));
                }
                pause(1);
            } catch (Error e) {
                closeQuietly(socket);
                throw e;
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
        pause(failures);
    }

    private void pause(int failures) {
        try {
            // close() cuts the pause short; the loop then sees the closed socket
            closed.await(Math.min(MAX_PAUSE_MILLIS, 10L << Math.min(failures - 1, 10)), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            // nothing interrupts this thread (see closed); the loop goes on, as after a full pause
        }
    }

    private void admit(Socket socket) {
        switch (connections.tryAdmit(socket.getInetAddress())) {
            case Admission.Refused refused -> refuse(socket, refused.why());
            case Slot slot -> start(socket, slot);
        }
    }

    /** Hands the socket and its place to the connections; the place goes back here only if that never happens. */
    private void start(Socket socket, Slot slot) {
        ConnectionHandler connection;
        try {
            Wire wire = transport.accept(socket);
            connection = new ConnectionHandler(wire, listener, metrics, sessions, taps);
        } catch (IOException e) {
            slot.release();
            Logger.debug("{} accepting a connection: {}", kind, e.getMessage());
            closeQuietly(socket);
            return;
        } catch (RuntimeException | Error e) {
            slot.release();
            throw e;
        }
        connections.start(slot, connection, "eco-" + kind + " " + connection.name());
    }

    private void refuse(Socket socket, Refusal why) {
        metrics.connectionRefused(listener, why);
        long skipped = refusedLog.tryLog(System.nanoTime());
        if (skipped >= 0) {
            Logger.warn(
                    "{} {} refused: {}{}",
                    kind,
                    Peers.describe(socket.getRemoteSocketAddress()),
                    switch (why) {
                        case SERVER_FULL -> "server full (" + Plural.of(connections.max(), "connection") + ")";
                        case ADDRESS_FULL -> "its address has " + Plural.of(connections.perAddress(), "connection");
                    },
                    also(skipped));
        }
        refusals.refuse(socket, why);
    }

    private static String also(long skipped) {
        return skipped == 0 ? "" : " (and " + skipped + " more not logged)";
    }

    /** Refusals in progress; for tests. */
    int refusing() {
        return refusals.inProgress();
    }

    /**
     * Stops accepting and ends the refusals in progress; connections already open are the {@link Connections}'
     * to drain.
     */
    public void close() {
        closeQuietly(server);
        closed.countDown(); // ends a pause after a failed accept at once
        try {
            if (thread.isAlive()) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        refusals.close();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            Logger.debug("close: {}", e.getMessage());
        }
    }
}
