package dev.eco.server;

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
import dev.eco.protocol.Message.Nick;
import dev.eco.protocol.Message.Ping;
import dev.eco.protocol.Message.Pong;
import dev.eco.protocol.Message.Post;
import dev.eco.protocol.Message.Posted;
import dev.eco.protocol.Message.Quit;
import dev.eco.protocol.Message.Rooms;
import dev.eco.protocol.Message.Text;
import dev.eco.protocol.Message.Who;
import dev.eco.protocol.RawJson;
import dev.eco.protocol.Style;

/**
 * Maps each request of a line connection to its replies: echo outside a room, chat inside one.
 * No sockets: tests call it directly with a recording {@link Replies} and {@link Outlet}.
 */
final class Dispatcher {

    /** Whether the connection goes on after these replies. */
    enum Next { CONTINUE, CLOSE }

    private final Codec codec;
    private final Chat chat;

    Dispatcher(Codec codec, Chat chat) {
        this.codec = codec;
        this.chat = chat;
    }

    Next dispatch(Inbound inbound, Peer peer, Replies out) {
        Style style = inbound.style();
        peer.noteStyle(style);
        switch (inbound.request()) {
            case Text text -> {
                if (peer.room() == null) {
                    out.send(text, style);
                } else if (withinRate(peer, out, style, null)) {
                    chat.say(peer, new RawJson(codec.quote(text.text())), null);
                }
            }
            case Post post -> {
                if (peer.room() == null) {
                    out.send(Posted.echo(post.body(), post.id(), peer.nextSeq()), style);
                } else if (withinRate(peer, out, style, post.id())) {
                    chat.say(peer, post.body(), post.id());
                }
            }
            case Nick nick -> {
                if (withinRate(peer, out, style, null)) {
                    chat.rename(peer, nick.name());
                }
            }
            case Join join -> {
                if (withinRate(peer, out, style, null)) {
                    chat.join(peer, join.room());
                }
            }
            case Leave leave -> {
                if (withinRate(peer, out, style, null)) {
                    chat.leave(peer);
                }
            }
            case Who who -> chat.who(peer);
            case Rooms rooms -> chat.list(peer);
            case Ping ping -> out.send(new Pong(ping.id()), style);
            case Help help -> out.send(HelpText.ECHO, style);
            case Invalid invalid -> out.send(invalid.error(), style);
            case Quit quit -> {
                out.send(new Bye(), style);
                return Next.CLOSE;
            }
        }
        return Next.CONTINUE;
    }

    /** The connection's own replies overflowed its queue: it is a slow consumer. */
    void overflowed(Peer peer) {
        chat.overflowed(peer);
    }

    /** The connection ended: leave its room, free its name. */
    void disconnected(Peer peer) {
        chat.disconnected(peer);
    }

    private boolean withinRate(Peer peer, Replies out, Style style, RawJson id) {
        if (peer.allowChatFrame(chat.limits(), System.nanoTime())) {
            return true;
        }
        out.send(new ErrorReply(ErrorCode.RATE_LIMITED, "more than " + chat.limits().ratePerSecond()
                + " chat frames a second; this one was not delivered", id), style);
        return false;
    }
}
