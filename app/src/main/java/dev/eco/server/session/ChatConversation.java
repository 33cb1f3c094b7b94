package dev.eco.server.session;

import dev.eco.chat.Membership;
import dev.eco.protocol.Message.Join;
import java.util.Optional;

/** A conversation that can chat: a line session. Rooms' answers reach it through its member, not here. */
interface ChatConversation extends Conversation {

    /** Whether one more chat frame is within the rate limit. */
    boolean allowChatFrame();

    /** The room the connection is in, if any. */
    Optional<Membership> membership();

    void join(Join join);

    void leave(Membership membership);

    void rename(String nick);

    void listRooms();
}
