package dev.eco.server;

import dev.eco.protocol.Message.Reply;
import dev.eco.protocol.Style;

/** Where a {@link Dispatcher}'s replies go: a connection's output buffer, or a list in a test. */
interface Replies {
    void send(Reply reply, Style style);
}
