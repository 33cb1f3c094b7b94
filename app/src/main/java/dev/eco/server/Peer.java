package dev.eco.server;

import dev.eco.protocol.Style;

/**
 * What the server knows about one line connection between its frames, and its face as a chat member.
 * The reader thread owns the echo state; the chat fields are changed only under the lock of the room
 * involved (see {@link Chat}), and read by other members' threads, hence volatile.
 */
final class Peer {

    private final Outlet outlet;
    private final String name;
    private long messages;
    private volatile Style lastStyle = Style.TEXT;
    private volatile String nick;
    private volatile Room room;
    private TokenBucket chatRate;

    /** {@code name} names the connection in logs, e.g. {@code tcp 127.0.0.1:41234}. */
    Peer(Outlet outlet, String name) {
        this.outlet = outlet;
        this.name = name;
    }

    /** Before this peer joins a room, where other threads will queue to it. */
    void openOutbox() {
        outlet.openOutbox();
    }

    @Override
    public String toString() {
        return name;
    }

    /** The next echo {@code seq}: the connection's messages counted from 1. */
    long nextSeq() {
        return ++messages;
    }

    /** The style of the last frame the client sent: the style of everything the server sends it unasked. */
    Style lastStyle() {
        return lastStyle;
    }

    void noteStyle(Style style) {
        lastStyle = style;
    }

    /** The nickname, or null until the connection chose one or joined a room. */
    String nick() {
        return nick;
    }

    void nick(String value) {
        nick = value;
    }

    Room room() {
        return room;
    }

    void room(Room value) {
        room = value;
    }

    /** Queues a reply, in this peer's style; false when its queue is full. */
    boolean deliver(Broadcast broadcast) {
        return outlet.offer(broadcast.bytes(lastStyle));
    }

    void dropSlow(Broadcast notice) {
        outlet.dropSlow(notice.bytes(lastStyle));
    }

    /** Whether one more chat frame is within the rate limit; used by the reader thread only. */
    boolean allowChatFrame(ChatLimits limits, long now) {
        if (limits.ratePerSecond() == 0) {
            return true;
        }
        if (chatRate == null) {
            chatRate = new TokenBucket(limits.ratePerSecond(), limits.rateBurst(), now);
        }
        return chatRate.tryTake(now);
    }
}
