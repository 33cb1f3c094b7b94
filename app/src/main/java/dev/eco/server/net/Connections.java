package dev.eco.server.net;

import dev.eco.server.Loops;
import dev.eco.server.ServerMetrics.Refusal;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tinylog.Logger;

/**
 * The open TCP connections of a server, every listener's together (line, raw, TLS, WebSocket): admission
 * against the connection limits ({@link Places}), the virtual thread of each, the {@link Sweeper} that keeps
 * their timeouts, and the drain at shutdown.
 */
public final class Connections implements AutoCloseable {

    /** Makes a connection's thread, unstarted: a seam for tests, where a thread fails to start as out of memory. */
    @FunctionalInterface
    interface Threads {
        Thread unstarted(String name, Runnable body);
    }

    private final Places places;
    private final Map<ConnectionHandler, Thread> open = new ConcurrentHashMap<>();
    private final Sweeper sweeper;
    private final Threads threads;

    private volatile boolean closing;

    /** {@link System#nanoTime()} until which shutting-down connections read on; set when shutdown begins. */
    private volatile long readUntil;

    /**
     * At most {@code max} connections, and {@code perAddress} from one source address (0 for no such cap); the
     * sweeper keeps {@code timeouts}; a loop that ends is reported to {@code loops}.
     */
    public Connections(int max, int perAddress, Timeouts timeouts, Loops loops) {
        this(
                max,
                perAddress,
                timeouts,
                loops,
                (name, body) -> Thread.ofVirtual().name(name).unstarted(body));
    }

    Connections(int max, int perAddress, Timeouts timeouts, Loops loops, Threads threads) {
        this.places = new Places(max, perAddress);
        this.sweeper = new Sweeper(timeouts, open::keySet, loops);
        this.threads = threads;
    }

    /** Starts the sweeper, once the listeners are bound: a failed start must leave no thread behind. */
    public synchronized void startSweeper() {
        if (!closing) {
            sweeper.start();
        }
    }

    /** Takes a place for a new connection from {@code from}, or says why there is none. */
    Admission tryAdmit(InetAddress from) {
        if (closing) {
            return new Admission.Refused(Refusal.SERVER_FULL);
        }
        Admission admission = places.take(from);
        if (closing && admission instanceof Slot slot) {
            slot.release();
            return new Admission.Refused(Refusal.SERVER_FULL);
        }
        return admission;
    }

    /**
     * Starts an admitted connection on its own virtual thread, named after its peer. From this call on the
     * connection's {@code slot} is this class's: it is given back once, when the thread ends or fails to start.
     */
    void start(Slot slot, ConnectionHandler connection, String threadName) {
        try {
            Thread thread = threads.unstarted(threadName, () -> {
                try {
                    connection.run();
                } finally {
                    // The place first: a thread shutdown no longer finds in the registry has given it back.
                    slot.release();
                    open.remove(connection);
                }
            });
            open.put(connection, thread);
            thread.start();
        } catch (RuntimeException | Error e) { // out of memory for a thread, say: the caller logs it
            open.remove(connection);
            slot.release();
            throw e;
        }
        if (closing) {
            connection.beginShutdown(readUntil); // admitted just as shutdown began, after its sweep
        }
    }

    public int count() {
        return places.count();
    }

    public int max() {
        return places.max();
    }

    int perAddress() {
        return places.perAddress();
    }

    /** Connections open from {@code from}, counted only under a cap per address; for tests. */
    int heldBy(InetAddress from) {
        return places.heldBy(from);
    }

    /**
     * Drains: asks each connection to finish, waits up to {@code grace} for all of them, then closes the rest
     * by force and waits briefly for their threads to notice.
     */
    public void shutdown(Duration grace) throws InterruptedException {
        long started = System.nanoTime();
        // Half the grace for reading what clients still send, the rest for answering it and the notice.
        readUntil = started + grace.toNanos() / 2;
        close();
        open.keySet().forEach(connection -> connection.beginShutdown(readUntil));
        long deadline = started + grace.toNanos();
        try {
            for (Thread thread : open.values()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            open.keySet().forEach(ConnectionHandler::forceClose); // asked to stop waiting: stop now
            throw e;
        }
        if (!open.isEmpty()) {
            Logger.warn(
                    "{} still open after the {} ms shutdown grace; closing them",
                    Plural.of(open.size(), "connection"),
                    grace.toMillis());
            open.keySet().forEach(ConnectionHandler::forceClose);
            for (Thread thread : open.values()) {
                thread.join(Duration.ofSeconds(1));
            }
        }
    }

    /** Admits nothing more and stops the sweeper; connections already open are left to {@link #shutdown}. */
    @Override
    public synchronized void close() {
        closing = true;
        sweeper.stop();
    }
}
