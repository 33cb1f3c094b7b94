package dev.eco.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamSubscription;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tinylog.Logger;

/**
 * What jnats tells about the node's connection, turned into eco's: a loss logged once, a return logged with the
 * server the node is on now and handed to whoever resumes after it, and a stalled consumer (jnats's heartbeat
 * alarm: its server died although the connection did not) handed to the feed. URLs are logged without
 * user-info: eco never gives jnats any, and {@link NatsServers#hideUserInfo} keeps it so.
 */
final class LinkEvents implements ErrorListener {

    private final NatsSettings settings;
    private final CopyOnWriteArrayList<Runnable> reconnected = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Runnable> stalled = new CopyOnWriteArrayList<>();
    /** True until the first connection: a failed first try is told by connect()'s one sentence, not as a loss. */
    private final AtomicBoolean lost = new AtomicBoolean(true);

    LinkEvents(NatsSettings settings) {
        this.settings = settings;
    }

    void onReconnect(Runnable handler) {
        reconnected.add(handler);
    }

    void onStall(Runnable handler) {
        stalled.add(handler);
    }

    /** Forgets a handler given to {@link #onReconnect} or {@link #onStall}. */
    void forget(Runnable handler) {
        reconnected.remove(handler);
        stalled.remove(handler);
    }

    /**
     * jnats's connection listener (as a method reference: its one abstract method is deprecated in favour of a
     * default one). jnats reports DISCONNECTED after every failed reconnect attempt; the loss is told once.
     */
    void onEvent(Connection conn, ConnectionListener.Events event) {
        switch (event) {
            case DISCONNECTED -> {
                if (lost.compareAndSet(false, true)) {
                    Logger.warn(
                            "node {}: lost NATS at {}; trying the servers again",
                            settings.node(),
                            settings.servers().shown());
                }
            }
            case RECONNECTED -> {
                lost.set(false);
                Logger.info("node {}: NATS is back at {}", settings.node(), shown(conn));
                reconnected.forEach(Runnable::run);
            }
            case CONNECTED -> lost.set(false);
            case CLOSED, RESUBSCRIBED, DISCOVERED_SERVERS, LAME_DUCK ->
                Logger.debug("node {}: NATS {}", settings.node(), event);
        }
    }

    /** The server the connection is on now, as eco shows it. */
    static String shown(Connection conn) {
        return NatsServers.hideUserInfo(conn.getConnectedUrl());
    }

    @Override
    public void heartbeatAlarm(
            Connection conn, JetStreamSubscription sub, long lastStreamSequence, long lastConsumerSequence) {
        Logger.debug(
                "node {}: no heartbeat from a consumer after stream sequence {}: reading again",
                settings.node(),
                lastStreamSequence);
        stalled.forEach(Runnable::run);
    }

    @Override
    public void errorOccurred(Connection conn, String error) {
        Logger.debug("node {}: NATS error: {}", settings.node(), NatsServers.hideUserInfo(error));
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
        Logger.debug("node {}: NATS exception: {}", settings.node(), NatsServers.hideUserInfo(exp.toString()));
    }
}
