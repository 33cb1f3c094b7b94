package dev.eco.client;

import java.io.IOException;
import java.util.function.Consumer;

/** A chat's connection to the server: TCP lines, UDP datagrams or WebSocket messages. */
public sealed interface Link extends AutoCloseable permits TcpLink, UdpLink, WsLink {

    /** Starts delivering what the server sends as {@link ChatEvent.Received}, then one {@link ChatEvent.Closed}. */
    void start(Consumer<ChatEvent> events);

    /** Sends one frame, terminator included; a datagram link drops the terminator. */
    void send(byte[] frame) throws IOException;

    /** Tells the server nothing more will come (TCP half-close), so that any echo server ends the session. */
    void finishSending();

    /** Whether this is UDP: no connection that the server could close. */
    boolean datagrams();

    /** Closes the link; the receiver then stops without reporting anything. Safe to call twice. */
    @Override
    void close();
}
