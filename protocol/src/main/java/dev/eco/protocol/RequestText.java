package dev.eco.protocol;

import dev.eco.protocol.Message.Help;
import dev.eco.protocol.Message.Invalid;
import dev.eco.protocol.Message.Join;
import dev.eco.protocol.Message.Leave;
import dev.eco.protocol.Message.ListRooms;
import dev.eco.protocol.Message.Nick;
import dev.eco.protocol.Message.Ping;
import dev.eco.protocol.Message.Post;
import dev.eco.protocol.Message.Quit;
import dev.eco.protocol.Message.Request;
import dev.eco.protocol.Message.Text;
import dev.eco.protocol.Message.Who;

/** A request as a person would type it. */
final class RequestText {

    private RequestText() {}

    static String of(Request request) {
        return switch (request) {
            case Text text -> text.text();
            case Post post -> post.body().json();
            case Ping ping -> "/ping";
            case Quit quit -> "quit";
            case Help help -> "/help";
            case Nick nick -> "/nick " + nick.name();
            case Join join ->
                join.since().isPresent()
                        ? "/join " + join.room() + " since " + join.since().getAsLong()
                        : "/join " + join.room();
            case Leave leave -> "/leave";
            case Who who -> "/who";
            case ListRooms rooms -> "/rooms";
            case Invalid invalid -> throw new IllegalArgumentException("an invalid frame cannot be encoded");
        };
    }
}
