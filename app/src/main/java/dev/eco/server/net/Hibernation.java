package dev.eco.server.net;

import dev.eco.server.Loops;
import dev.eco.server.ServerLoop;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * Where hibernated connections wait for their next bytes without a thread: one {@link Selector} on one platform
 * thread, {@code eco-hibernation}. A connection comes here as the last act of its thread, between two reads,
 * with nothing left in its buffers; when its channel becomes readable (bytes, end of stream, a reset, or input
 * ended by the idle timeout or shutdown) its key is cancelled and the connection is handed back to be resumed on
 * a new virtual thread. This thread never reads or writes a client, so every byte is read by the connection's own
 * thread, and no client can stall it.
 *
 * <p>A parked virtual thread keeps its stack on the heap, about 4 KB for a connection waiting in a read; a
 * hibernated connection keeps a selection key instead (docs/performance.md, memory per idle connection).
 *
 * <p>Keys are registered and cancelled on this thread only, and the keys cancelled in a round are deregistered
 * at the start of the next {@code select}, before that round registers anything: a woken connection that
 * hibernates again at once is registered anew, never found with its old, cancelled key. No {@code selectNow}
 * here: it would clear a {@link Selector#wakeup} meant for a connection just queued to sleep.
 */
final class Hibernation implements AutoCloseable {

    private final Selector selector;
    private final Consumer<ConnectionHandler> resume;
    private final Loops loops;
    /** A connection woken sooner than this after it fell asleep is talking again: it wakes no longer drowsy. */
    private final long briefNanos;
    /** Connections to watch, queued by their own threads' last act. */
    private final Queue<ConnectionHandler> arriving = new ConcurrentLinkedQueue<>();

    private final Thread thread;
    private volatile boolean running = true;
    /** Hibernated connections: the poller thread's count, published after each round. */
    private int watched;

    private volatile int sleeping;

    /**
     * {@code resume}: starts a woken connection's next turn on a new thread; called on the poller thread.
     * {@code brief}: a connection woken sooner than this after it fell asleep wakes no longer drowsy, and stays
     * awake until the sweeper finds it quiet again (the sweeper's own threshold, {@code --hibernate-after}).
     * {@code loops}: told if this thread ends before {@link #close}.
     */
    Hibernation(Consumer<ConnectionHandler> resume, Duration brief, Loops loops) throws IOException {
        this.selector = Selector.open();
        this.resume = resume;
        this.loops = loops;
        this.briefNanos = brief.toNanos();
        this.thread = Thread.ofPlatform().name("eco-hibernation").daemon(true).unstarted(this::run);
        thread.start();
    }

    /** Whether connections may hibernate: false once this has stopped. */
    boolean isRunning() {
        return running;
    }

    /** Hibernated connections now; for a gauge and tests. */
    int count() {
        return sleeping;
    }

    /**
     * The last act of a connection's thread whose turn returned true: its channel is watched from now on. Once
     * hibernation has stopped, the connection is resumed at once, awake, instead.
     */
    void sleep(ConnectionHandler connection) {
        arriving.add(connection);
        selector.wakeup(); // a no-op once the selector is closed
        if (!running && arriving.remove(connection)) {
            resumeAwake(connection); // the poller's last look at the queue came before this one was added
        }
    }

    private void run() {
        try {
            while (running) {
                selector.select();
                long now = System.nanoTime(); // one clock read a round, not one per connection
                register(now);
                wakeReady(now);
                sleeping = watched;
            }
        } catch (IOException | RuntimeException | Error e) {
            // The server serves on, every connection on its own thread, but /health says so (Loops logs it).
            loops.ended(ServerLoop.HIBERNATION, e);
        } finally {
            running = false;
            for (SelectionKey key : selector.keys()) {
                ConnectionHandler connection = take(key);
                if (connection != null) {
                    resumeAwake(connection);
                }
            }
            for (ConnectionHandler connection; (connection = arriving.poll()) != null; ) {
                resumeAwake(connection);
            }
            sleeping = watched;
            try {
                selector.close();
            } catch (IOException e) {
                Logger.debug("closing the hibernation selector: {}", e.getMessage());
            }
        }
    }

    /** Watches each arrived connection's channel; one that cannot be watched (closed, say) is resumed awake. */
    private void register(long now) {
        for (ConnectionHandler connection; (connection = arriving.poll()) != null; ) {
            try {
                connection.channel().register(selector, SelectionKey.OP_READ, connection);
                connection.activity().fellAsleep(now);
                watched++;
            } catch (IOException | RuntimeException e) {
                Logger.debug("{}: not hibernated: {}", connection.name(), e.toString());
                resumeAwake(connection);
            }
        }
    }

    /**
     * Resumes the connections whose channels are ready. One that slept only briefly is talking (an echo client
     * between two lines, a chat client typing): it stays awake until the sweeper finds it quiet, instead of
     * sleeping and waking for each line meanwhile.
     */
    private void wakeReady(long now) {
        var ready = selector.selectedKeys();
        for (SelectionKey key : ready) {
            ConnectionHandler connection = take(key);
            if (connection != null) {
                if (connection.activity().sleptNanos(now) < briefNanos) {
                    connection.activity().drowsy(false);
                }
                resume.accept(connection);
            }
        }
        ready.clear();
    }

    /** A key's connection, once: the attachment is taken, so a key seen twice yields nothing the second time. */
    private ConnectionHandler take(SelectionKey key) {
        ConnectionHandler connection = (ConnectionHandler) key.attach(null);
        if (connection != null) {
            key.cancel();
            watched--;
        }
        return connection;
    }

    /** A connection that could not hibernate reads on in its thread until the sweeper finds it drowsy again. */
    private void resumeAwake(ConnectionHandler connection) {
        connection.activity().drowsy(false);
        resume.accept(connection);
    }

    /** Stops the poller thread, which first wakes every connection still hibernated; waits for it. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
