package dev.eco.server.net;

import dev.eco.protocol.ErrorCode;
import dev.eco.server.ServerMetrics;
import dev.eco.server.ServerMetrics.Refusal;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * The connections one TCP listener refuses. Each is told why ({@code server_full}) on a virtual thread of its
 * own, so that a client that does not read cannot stall the accept loop; at most {@link #MAX_AT_ONCE} at a time,
 * each closed within {@link #LINGER} of its notice, and {@link #close()} ends those still at it.
 */
final class Refusals implements AutoCloseable {

    /** Refused connections told why at once; beyond this they are closed without a word. */
    static final int MAX_AT_ONCE = 64;
    /** How long, in all, a refused client's input is read away after its notice before its socket is closed. */
    static final Duration LINGER = Duration.ofSeconds(1);

    private final Semaphore places = new Semaphore(MAX_AT_ONCE);
    private final Set<Wire> telling = ConcurrentHashMap.newKeySet();
    private final Transport transport;
    private final ServerMetrics.ListenerKind listener;
    private final ServerMetrics metrics;
    /** What a client refused for each reason is told; none for a listener that closes refused clients silently. */
    private final Map<Refusal, byte[]> notices;

    Refusals(
            Transport transport,
            ServerMetrics.ListenerKind listener,
            ServerMetrics metrics,
            Map<Refusal, byte[]> notices) {
        this.transport = transport;
        this.listener = listener;
        this.metrics = metrics;
        this.notices = Map.copyOf(notices);
    }

    /** Tells the client why it is refused, on a thread of its own, and closes it; or closes it at once. */
    void refuse(Socket socket, Refusal why) {
        byte[] notice = notices.get(why);
        if (notice == null || !places.tryAcquire()) {
            closeQuietly(socket); // a flood of connects beyond the limit must not cost a descriptor each
            return;
        }
        Wire wire = null;
        try {
            wire = transport.accept(socket);
            Wire refused = wire;
            telling.add(refused);
            Thread.ofVirtual()
                    .name("eco-refuse " + Peers.describe(wire.remote()))
                    .start(() -> {
                        try {
                            tell(refused, notice);
                        } finally {
                            telling.remove(refused);
                            places.release();
                        }
                    });
        } catch (IOException | RuntimeException e) {
            if (wire != null) {
                telling.remove(wire);
            }
            places.release();
            closeQuietly(socket);
            Logger.debug("refusing a connection: {}", e.getMessage());
        }
    }

    private void tell(Wire wire, byte[] notice) {
        try (wire) {
            OutputStream out = wire.output();
            metrics.errorReply(listener, ErrorCode.SERVER_FULL); // counted as sent, like every other error reply
            out.write(notice);
            out.flush();
            wire.closeAndDrain(LINGER);
        } catch (IOException e) {
            Logger.debug("refusing a connection: {}", e.getMessage());
        }
    }

    /** Refusals in progress; for tests. */
    int inProgress() {
        return MAX_AT_ONCE - places.availablePermits();
    }

    /** Closes the refused connections still being told, and waits briefly for their threads. After the accept loop. */
    @Override
    public void close() {
        telling.forEach(Wire::close);
        try {
            if (places.tryAcquire(MAX_AT_ONCE, 2, TimeUnit.SECONDS)) {
                places.release(MAX_AT_ONCE);
            } else {
                Logger.debug("{} refusal(s) still closing", inProgress());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            Logger.debug("close: {}", e.getMessage());
        }
    }
}
