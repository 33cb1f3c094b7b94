package dev.eco.server;

import dev.eco.protocol.Inbound;
import dev.eco.protocol.Message.Bye;
import dev.eco.protocol.Message.Help;
import dev.eco.protocol.Message.HelpText;
import dev.eco.protocol.Message.Invalid;
import dev.eco.protocol.Message.Ping;
import dev.eco.protocol.Message.Pong;
import dev.eco.protocol.Message.Post;
import dev.eco.protocol.Message.Posted;
import dev.eco.protocol.Message.Quit;
import dev.eco.protocol.Message.Text;
import dev.eco.protocol.Style;

/** Maps each request of a line connection to its replies. No sockets: tests call it directly. */
final class Dispatcher {

    /** Whether the connection goes on after these replies. */
    enum Next { CONTINUE, CLOSE }

    Next dispatch(Inbound inbound, Peer peer, Replies out) {
        Style style = inbound.style();
        peer.noteStyle(style);
        switch (inbound.request()) {
            case Text text -> out.send(text, style);
            case Post post -> out.send(Posted.echo(post.body(), post.id(), peer.nextSeq()), style);
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
}
