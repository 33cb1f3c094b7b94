package dev.eco.server.session;

import dev.eco.chat.Membership;
import dev.eco.protocol.Codec;
import dev.eco.protocol.ErrorCode;
import dev.eco.protocol.Inbound;
import dev.eco.protocol.Message.Bye;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Help;
import dev.eco.protocol.Message.HelpText;
import dev.eco.protocol.Message.Invalid;
import dev.eco.protocol.Message.Join;
import dev.eco.protocol.Message.Leave;
import dev.eco.protocol.Message.ListRooms;
import dev.eco.protocol.Message.Nick;
import dev.eco.protocol.Message.Ping;
import dev.eco.protocol.Message.Pong;
import dev.eco.protocol.Message.Post;
import dev.eco.protocol.Message.Posted;
import dev.eco.protocol.Message.Quit;
import dev.eco.protocol.Message.Text;
import dev.eco.protocol.Message.Who;
import dev.eco.protocol.RawJson;
import java.util.Optional;

/**
 * Maps each request to its answer, for TCP and UDP alike: echo outside a room, chat inside one. On a
 * conversation without chat (a datagram) a text frame other than {@code quit} is echoed as received
 * (RFC 862), and chat requests are answered {@code unsupported}. No sockets: tests call it directly.
 */
public final class Dispatcher {

    /** Whether the connection goes on after these replies. */
    public enum Next {
        CONTINUE,
        CLOSE
    }

    private final Codec codec;
    private final int rateLimit;

    /** {@code rateLimit}: chat frames per second, for the {@code rate_limited} sentence. */
    public Dispatcher(Codec codec, int rateLimit) {
        this.codec = codec;
        this.rateLimit = rateLimit;
    }

    public Next dispatch(Inbound inbound, Conversation c) {
        boolean json = inbound.style().isJson();
        ChatConversation chat = c instanceof ChatConversation talk ? talk : null;
        Optional<Membership> room = chat == null ? Optional.empty() : chat.membership();
        switch (inbound.request()) {
            case Text text -> {
                if (room.isEmpty()) {
                    c.echo();
                } else if (withinRate(chat, null)) {
                    room.get().say(new RawJson(codec.quote(text.text())), null);
                }
            }
            case Post post -> {
                if (room.isEmpty()) {
                    c.send(Posted.echo(post.body(), post.id(), c.nextSeq()));
                } else if (withinRate(chat, post.id())) {
                    room.get().say(post.body(), post.id());
                }
            }
            case Ping ping -> {
                if (chat == null && !json) {
                    c.echo();
                } else {
                    c.send(new Pong(ping.id()));
                }
            }
            case Help help -> {
                if (chat != null) {
                    c.send(HelpText.ECHO);
                } else if (json) {
                    c.send(unsupported());
                } else {
                    c.echo();
                }
            }
            case Invalid invalid -> {
                // RFC 862 echoes any bytes: only a JSON frame must be valid UTF-8 on a datagram.
                if (chat == null && !json && invalid.error().code() == ErrorCode.BAD_UTF8) {
                    c.echo();
                } else {
                    c.send(invalid.error());
                }
            }
            case Quit quit -> {
                c.send(new Bye());
                return Next.CLOSE;
            }
            case Nick nick -> {
                if (chat == null) {
                    c.send(unsupported());
                } else if (withinRate(chat, null)) {
                    chat.rename(nick.name());
                }
            }
            case Join join -> {
                if (chat == null) {
                    c.send(unsupported());
                } else if (withinRate(chat, null)) {
                    chat.join(join);
                }
            }
            case Leave leave -> {
                if (chat == null) {
                    c.send(unsupported());
                } else if (withinRate(chat, null)) {
                    room.ifPresentOrElse(chat::leave, () -> c.send(notInRoom()));
                }
            }
            case Who who -> {
                if (chat == null) {
                    c.send(unsupported());
                } else if (withinRate(chat, null)) {
                    room.ifPresentOrElse(Membership::who, () -> c.send(notInRoom()));
                }
            }
            case ListRooms rooms -> {
                if (chat == null) {
                    c.send(unsupported());
                } else if (withinRate(chat, null)) {
                    chat.listRooms(); // a listing may cost a broker round trip: limited like every room frame
                }
            }
        }
        return Next.CONTINUE;
    }

    private boolean withinRate(ChatConversation chat, RawJson id) {
        if (chat.allowChatFrame()) {
            return true;
        }
        chat.send(new ErrorReply(
                ErrorCode.RATE_LIMITED,
                "more than " + rateLimit + " chat frames a second; this one was not delivered",
                id));
        return false;
    }

    private static ErrorReply notInRoom() {
        return new ErrorReply(ErrorCode.NOT_IN_ROOM, "you are in no room: /join ROOM first");
    }

    private static ErrorReply unsupported() {
        return new ErrorReply(ErrorCode.UNSUPPORTED, "UDP serves echo, not chat");
    }
}
