package dev.eco.nats;

import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The node's one connection to NATS: connects to any of the servers given (or says in one sentence why not),
 * reconnects by itself, to whichever server of the cluster answers, for as long as the node runs, and tells
 * whether NATS is there right now.
 *
 * <p>Room operations are not queued while disconnected: they go through {@link Failover}, which gives jnats a
 * moment to reconnect (to another server) and otherwise answers {@code unavailable}, so a message either
 * reaches JetStream while its sender waits for the acknowledgement, or the sender is told {@code unavailable}.
 * (jnats's reconnect buffer stays on, small, for the one operation in flight at the moment of loss.)
 */
public final class NatsLink implements AutoCloseable {

    /** Told when NATS comes back: the feed resumes after its last sequence, the heartbeat is renewed. */
    public interface ReconnectHandler {
        void reconnected();
    }

    private static final Duration RECONNECT_WAIT = Duration.ofMillis(250);
    private static final Duration FIRST_TRY_EVERY = Duration.ofMillis(250);
    private static final long WAIT_STEP_NANOS = Duration.ofMillis(10).toNanos();
    /**
     * jnats's buffer for what is written while reconnecting. Room operations wait for the connection first, so
     * only one in flight at the moment of loss lands here; if it is stored after all, everyone sees it once.
     */
    private static final long RECONNECT_BUFFER_BYTES = 1 << 20;
    /**
     * How often jnats pings NATS; after {@link #MAX_PINGS_OUT} unanswered pings it drops the connection and
     * reconnects. A connection that no longer receives (a server cut off, a jnats reader lost in a reconnect) is
     * noticed only by unanswered pings: within about 3 s with these settings, where jnats's default of 2 minutes
     * would leave every room silent that long.
     */
    private static final Duration PING_EVERY = Duration.ofSeconds(1);

    private static final int MAX_PINGS_OUT = 2;

    private final NatsSettings settings;
    private final Connection connection;
    private final LinkEvents events;
    private final JetStream jetStream;
    private final JetStreamManagement management;

    private NatsLink(NatsSettings settings, Connection connection, LinkEvents events) throws IOException {
        this.settings = settings;
        this.connection = connection;
        this.events = events;
        JetStreamOptions options = JetStreamOptions.builder()
                .requestTimeout(settings.requestTimeout())
                .build();
        this.jetStream = connection.jetStream(options);
        this.management = connection.jetStreamManagement(options);
    }

    /**
     * Connects to one of {@code settings.servers()}, trying for up to {@code settings.connectWait()}.
     *
     * @throws NatsUnavailableException with one sentence when NATS could not be reached in that time, or refused
     *                                  the credentials (at once: trying again would not help)
     */
    public static NatsLink connect(NatsSettings settings) throws NatsUnavailableException, InterruptedException {
        LinkEvents events = new LinkEvents(settings);
        Options.Builder builder = new Options.Builder()
                .servers(settings.servers().forJnats())
                .connectionName("eco " + settings.node())
                .connectionTimeout(settings.requestTimeout()) // bounds each attempt on a server that says nothing
                .maxReconnects(-1) // for as long as the node runs: NATS may be down for minutes
                .reconnectWait(RECONNECT_WAIT)
                .reconnectBufferSize(RECONNECT_BUFFER_BYTES)
                .pingInterval(PING_EVERY)
                .maxPingsOut(MAX_PINGS_OUT)
                .connectionListener(events::onEvent)
                .errorListener(events);
        settings.servers().credentials().applyTo(builder);
        Options options = builder.build();
        long deadline = System.nanoTime() + settings.connectWait().toNanos();
        while (true) {
            try {
                return new NatsLink(settings, Nats.connect(options), events);
            } catch (AuthenticationException e) {
                throw new NatsUnavailableException(
                        "NATS at " + settings.servers().shown() + " refused eco's "
                                + settings.servers().credentials().described() + ": "
                                + NatsServers.hideUserInfo(reason(e)),
                        e);
            } catch (IOException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new NatsUnavailableException(unreachable(settings), e);
                }
                Thread.sleep(FIRST_TRY_EVERY); // waiting for NATS to come up was asked for
            }
        }
    }

    private static String reason(AuthenticationException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int colon = message.lastIndexOf(": ");
        return colon < 0 ? message : message.substring(colon + 2);
    }

    private static String unreachable(NatsSettings settings) {
        String waited = settings.connectWait().isZero()
                ? ""
                : " within " + settings.connectWait().toSeconds() + " s";
        return "cannot reach NATS at " + settings.servers().shown() + waited + ": is nats-server -js running there?";
    }

    /** Whether NATS is connected now. */
    public boolean available() {
        return connection.getStatus() == Connection.Status.CONNECTED;
    }

    /** Waits up to {@code grace} for the connection to be up; whether it is. */
    boolean awaitAvailable(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (!available()) {
            if (System.nanoTime() - deadline >= 0 || connection.getStatus() == Connection.Status.CLOSED) {
                return false;
            }
            LockSupport.parkNanos(WAIT_STEP_NANOS);
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return true;
    }

    NatsUnavailableException unavailable() {
        return new NatsUnavailableException("the rooms are unavailable: this server lost its connection to NATS");
    }

    public void onReconnect(ReconnectHandler handler) {
        events.onReconnect(handler::reconnected);
    }

    /** Told when jnats's heartbeat alarm says a consumer went quiet (its server died, the connection did not). */
    void onStall(Runnable handler) {
        events.onStall(handler);
    }

    /** Stops telling {@code handler}, given as it is to {@link #onStall} and as a Runnable to reconnects. */
    void forget(Runnable handler) {
        events.forget(handler);
    }

    /** Tells {@code handler} of reconnects, until {@link #forget}. */
    void onReconnectRun(Runnable handler) {
        events.onReconnect(handler);
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
}
