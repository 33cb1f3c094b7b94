package dev.eco.server;

import dev.eco.protocol.Style;

/** What the server remembers about one line connection between its frames. Owned by its reader thread. */
final class Peer {
    private long messages;
    private Style lastStyle = Style.TEXT;

    /** The next echo {@code seq}: the connection's messages counted from 1. */
    long nextSeq() {
        return ++messages;
    }

    /** The style of the last frame the client sent: the style of notices the server sends on its own. */
    Style lastStyle() {
        return lastStyle;
    }

    void noteStyle(Style style) {
        lastStyle = style;
    }
}
