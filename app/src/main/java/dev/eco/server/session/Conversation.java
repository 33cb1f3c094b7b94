package dev.eco.server.session;

import dev.eco.protocol.Message.Reply;

/**
 * What the {@link Dispatcher} may do in answer to one frame, without knowing sockets. A UDP datagram is a
 * conversation without chat; a line session is a {@link ChatConversation}.
 */
public interface Conversation {

    /** The frame's own bytes back, as received, with its terminator (if it had one). */
    void echo();

    /** A reply in the frame's style. */
    void send(Reply reply);

    /** The next echo {@code seq}: this peer's messages counted from 1. */
    long nextSeq();
}
