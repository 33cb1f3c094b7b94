package dev.eco.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tinylog.Logger;

/**
 * The node's one connection to NATS: connects (or says in one sentence why not), reconnects by itself for as
 * long as the node runs, and tells whether NATS is there right now, so that room operations can answer
 * {@code unavailable} at once instead of waiting on a dead link.
 *
 * <p>Room operations are not queued while disconnected: each checks {@link #available()} first and answers
 * {@code unavailable} at once, so a message either reaches JetStream while its sender waits for the
 * acknowledgement, or the sender is told {@code unavailable}. (jnats's reconnect buffer stays on, small, for the
 * one operation in flight at the moment of loss.)
 */
public final class NatsLink implements AutoCloseable {

    /** Told when NATS comes back: the feed resumes after its last sequence, the heartbeat is renewed. */
    public interface ReconnectHandler {
        void reconnected();
    }

    private static final Duration RECONNECT_WAIT = Duration.ofMillis(250);
    private static final Duration FIRST_TRY_EVERY = Duration.ofMillis(250);
    /**
     * jnats's buffer for what is written while reconnecting. Room operations check {@link #available()} first, so
     * only one in flight at the moment of loss lands here; its sender is told {@code unavailable} when the
     * acknowledgement does not come, and if it is stored after all, everyone sees it once.
     */
    private static final long RECONNECT_BUFFER_BYTES = 1 << 20;
    /**
     * How often jnats pings NATS; after {@link #MAX_PINGS_OUT} unanswered pings it drops the connection and
     * reconnects. A connection that still sends but no longer receives (no reply, no room record: a jnats
     * reader lost in a reconnect does this) is noticed only by unanswered pings: within about 3 s with these
     * settings, where jnats's default of 2 minutes would leave every room silent that long.
     */
    private static final Duration PING_EVERY = Duration.ofSeconds(1);

    private static final int MAX_PINGS_OUT = 2;

    private final NatsSettings settings;
    private final Connection connection;
    private final JetStream jetStream;
    private final JetStreamManagement management;
    private final CopyOnWriteArrayList<ReconnectHandler> reconnectHandlers;

    private NatsLink(
            NatsSettings settings, Connection connection, CopyOnWriteArrayList<ReconnectHandler> reconnectHandlers)
            throws IOException {
        this.settings = settings;
        this.connection = connection;
        this.reconnectHandlers = reconnectHandlers;
        JetStreamOptions options = JetStreamOptions.builder()
                .requestTimeout(settings.requestTimeout())
                .build();
        this.jetStream = connection.jetStream(options);
        this.management = connection.jetStreamManagement(options);
    }

    /**
     * Connects to {@code settings.url()}, trying for up to {@code settings.connectWait()}.
     *
     * @throws NatsUnavailableException with one sentence when NATS could not be reached in that time
     */
    public static NatsLink connect(NatsSettings settings) throws NatsUnavailableException, InterruptedException {
        CopyOnWriteArrayList<ReconnectHandler> reconnectHandlers = new CopyOnWriteArrayList<>();
        // true until the first connection: a failed first try is told by connect()'s one sentence, not as a loss
        java.util.concurrent.atomic.AtomicBoolean lost = new java.util.concurrent.atomic.AtomicBoolean(true);
        Options options = new Options.Builder()
                .server(settings.url())
                .connectionName("eco " + settings.node())
                .connectionTimeout(settings.requestTimeout())
                .maxReconnects(-1) // for as long as the node runs: NATS may be down for minutes
                .reconnectWait(RECONNECT_WAIT)
                .reconnectBufferSize(RECONNECT_BUFFER_BYTES)
                .pingInterval(PING_EVERY)
                .maxPingsOut(MAX_PINGS_OUT)
                .connectionListener((conn, event) -> onEvent(settings, event, reconnectHandlers, lost))
                .errorListener(new QuietErrors())
                .build();
        long deadline = System.nanoTime() + settings.connectWait().toNanos();
        while (true) {
            try {
                return new NatsLink(settings, Nats.connect(options), reconnectHandlers);
            } catch (IOException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new NatsUnavailableException(unreachable(settings), e);
                }
                Thread.sleep(FIRST_TRY_EVERY); // waiting for NATS to come up was asked for
            }
        }
    }

    private static String unreachable(NatsSettings settings) {
        String waited = settings.connectWait().isZero()
                ? ""
                : " within " + settings.connectWait().toSeconds() + " s";
        return "cannot reach NATS at " + settings.url() + waited + ": is nats-server -js running there?";
    }

    /** {@code lost}: jnats reports DISCONNECTED after every failed reconnect attempt; the loss is told once. */
    private static void onEvent(
            NatsSettings settings,
            ConnectionListener.Events event,
            CopyOnWriteArrayList<ReconnectHandler> reconnectHandlers,
            java.util.concurrent.atomic.AtomicBoolean lost) {
        switch (event) {
            case DISCONNECTED -> {
                if (lost.compareAndSet(false, true)) {
                    Logger.warn(
                            "node {}: lost NATS at {}; rooms are unavailable until it is back",
                            settings.node(),
                            settings.url());
                }
            }
            case RECONNECTED -> {
                lost.set(false);
                Logger.info("node {}: NATS is back at {}", settings.node(), settings.url());
                reconnectHandlers.forEach(ReconnectHandler::reconnected);
            }
            case CONNECTED -> lost.set(false);
            case CLOSED, RESUBSCRIBED, DISCOVERED_SERVERS, LAME_DUCK ->
                Logger.debug("node {}: NATS {}", settings.node(), event);
        }
    }

    /** Whether NATS is connected now; when not, room operations answer {@code unavailable} without trying. */
    public boolean available() {
        return connection.getStatus() == Connection.Status.CONNECTED;
    }

    /** Throws the sentence to answer with when NATS is away. */
    void requireAvailable() throws NatsUnavailableException {
        if (!available()) {
            throw unavailable();
        }
    }

    NatsUnavailableException unavailable() {
        return new NatsUnavailableException("the rooms are unavailable: this server lost its connection to NATS");
    }

    public void onReconnect(ReconnectHandler handler) {
        reconnectHandlers.add(handler);
    }

    public NatsSettings settings() {
        return settings;
    }

    Connection connection() {
        return connection;
    }

    JetStream jetStream() {
        return jetStream;
    }

    JetStreamManagement management() {
        return management;
    }

    /**
     * Closes the connection to NATS. Interrupted while jnats waits for that, it stops waiting and keeps the
     * interrupt for the caller to see: a close that threw it inside a try-with-resources would lose it.
     */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** jnats reports heartbeat alarms and slow consumers here; the feed recovers from them by itself. */
    private static final class QuietErrors implements ErrorListener {
        @Override
        public void errorOccurred(Connection conn, String error) {
            Logger.debug("NATS error: {}", error);
        }

        @Override
        public void exceptionOccurred(Connection conn, Exception exp) {
            Logger.debug("NATS exception: {}", exp.toString());
        }
    }
}
