package dev.eco.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.tinylog.Logger;

/**
 * The accept loop of one TCP listener, on one named platform thread. It only accepts, admits and hands
 * each socket to a new virtual thread; it never reads from or writes to a client, so no client can stall it.
 */
final class TcpListener implements Runnable {

    /** How long a refused client's input is read away before its socket is closed. */
    private static final Duration REFUSE_LINGER = Duration.ofSeconds(1);
    /** After a failed accept the loop pauses, 10 ms doubling up to this, so that it never spins. */
    private static final long MAX_ACCEPT_PAUSE_MILLIS = 200;

    /** Refused connections told {@code server_full} at once; beyond this they are closed without a word. */
    static final int MAX_REFUSALS_AT_ONCE = 64;

    private final Semaphore refusals = new Semaphore(MAX_REFUSALS_AT_ONCE);
    private final String kind;
    private final ServerSocket server;
    private final Connections connections;
    private final Function<Socket, Connection> newConnection;
    /** What a connection over the limit is told before it is closed; null to close it silently. */
    private final byte[] fullNotice;
    private final Thread thread;

    TcpListener(String kind, ServerSocket server, Connections connections, Function<Socket, Connection> newConnection,
            byte[] fullNotice) {
        this.kind = kind;
        this.server = server;
        this.connections = connections;
        this.newConnection = newConnection;
        this.fullNotice = fullNotice;
        this.thread = Thread.ofPlatform().name("eco-accept-" + kind).daemon(false).unstarted(this);
    }

    static ServerSocket bind(InetSocketAddress address, int backlog) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            // A restart right after a stop must bind again while old connections sit in TIME_WAIT.
            server.setReuseAddress(true);
            server.bind(address, backlog);
            return server;
        } catch (IOException e) {
            server.close();
            throw e;
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    void start() {
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
            admit(socket);
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
            Thread.sleep(Math.min(MAX_ACCEPT_PAUSE_MILLIS, 10L << Math.min(failures - 1, 10)));
        } catch (InterruptedException interrupted) {
            // close() cuts the pause short; the loop sees the closed socket
        }
    }

    private void admit(Socket socket) {
        String peer = Peers.describe(socket.getRemoteSocketAddress());
        try {
            socket.setTcpNoDelay(true); // replies are written whole, once per read: never hold them back
        } catch (SocketException e) {
            closeQuietly(socket);
            return;
        }
        if (!connections.tryAdmit()) {
            Logger.info("{} {} refused: server full ({} connections)", kind, peer, connections.max());
            if (refusals.tryAcquire()) {
                Thread.ofVirtual().name("eco-refuse " + peer).start(() -> {
                    try {
                        refuse(socket);
                    } finally {
                        refusals.release();
                    }
                });
            } else {
                closeQuietly(socket); // a flood of connects beyond the limit must not cost a descriptor each
            }
            return;
        }
        connections.start(newConnection.apply(socket), "eco-" + kind + " " + peer);
    }

    /** Runs on its own virtual thread, so that a client that does not read cannot stall the accept loop. */
    private void refuse(Socket socket) {
        try (socket) {
            if (fullNotice != null) {
                OutputStream out = socket.getOutputStream();
                out.write(fullNotice);
                out.flush();
                TcpConnection.shutdownAndDrain(socket, REFUSE_LINGER);
            }
        } catch (IOException e) {
            Logger.debug("refusing a connection: {}", e.getMessage());
        }
    }

    /** Stops accepting; connections already open are the {@link Connections}' to drain. */
    void close() {
        closeQuietly(server);
        thread.interrupt(); // ends a pause after a failed accept at once
        try {
            thread.join();
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
