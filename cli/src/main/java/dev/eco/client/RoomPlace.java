package dev.eco.client;

import dev.eco.protocol.Codec;
import dev.eco.protocol.LineEnd;
import dev.eco.protocol.Message.Invalid;
import dev.eco.protocol.Message.Join;
import dev.eco.protocol.Message.Joined;
import dev.eco.protocol.Message.Left;
import dev.eco.protocol.Message.Nick;
import dev.eco.protocol.Message.NickChanged;
import dev.eco.protocol.Message.Posted;
import dev.eco.protocol.Message.Replayed;
import dev.eco.protocol.Message.Reply;
import dev.eco.protocol.Message.Request;
import dev.eco.protocol.Message.Text;
import dev.eco.protocol.Style;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Where a chat stands in its room, so that it can come back after its connection drops: the room, its nick, and
 * the last {@code seq} it printed. Knowing the {@code seq} takes JSON replies, so from the person's first
 * {@code /join} on, a text session sends its lines as JSON requests and shows the JSON replies as the server's
 * text would read; before that (and with any server that is not eco) it sends and shows lines as they are.
 */
final class RoomPlace {

    private final Codec codec;
    private final boolean json;
    /** True from the first join typed: text requests go as JSON, replies are read back. */
    private boolean speaksJson;
    /** Whether the person's last line was JSON: then replies are shown as they come, as the server would send. */
    private boolean typedJson;

    private String room;
    private String nick;
    private long lastSeq = -1;
    /** Counting what a come-back replays, until its first live message or a quiet moment: -1 when not. */
    private int caughtUp = -1;

    private boolean liveAfterComeBack;

    RoomPlace(Codec codec, boolean json) {
        this.codec = codec;
        this.json = json;
    }

    /** The frame to send for a typed line. */
    byte[] frame(String typed) {
        if (json) {
            return codec.encode((Request) new Text(typed), Style.JSON); // --json: each line is a message
        }
        var inbound = codec.decode(typed, LineEnd.LF);
        Request request = inbound.request();
        typedJson = inbound.style().isJson();
        if (request instanceof Join) {
            speaksJson = true;
        }
        if (speaksJson && !typedJson && !(request instanceof Invalid)) {
            return codec.encode(request, Style.JSON);
        }
        return codec.encode((Request) new Text(typed), Style.TEXT); // the line as typed
    }

    /** What to print for a line from the server, noting the room, nick and seq it tells. */
    String shown(String line) {
        if (!speaksJson && !json) {
            return line;
        }
        boolean asItCame = json || typedJson;
        Reply reply = codec.decodeReply(line);
        if (reply == null) {
            if (line.startsWith("nick ") && line.indexOf(' ', 5) < 0) {
                nick = line.substring(5); // the text answer to a /nick typed before the first join
            }
            return line;
        }
        switch (reply) {
            case Joined joined -> {
                room = joined.room();
                if (lastSeq < 0 && joined.seq().isPresent()) {
                    lastSeq = joined.seq().getAsLong();
                }
            }
            case Posted posted -> {
                lastSeq = Math.max(lastSeq, posted.seq());
                liveAfterComeBack = caughtUp >= 0;
            }
            case Replayed replayed -> {
                lastSeq = Math.max(lastSeq, replayed.message().seq());
                if (caughtUp >= 0) {
                    caughtUp++;
                }
            }
            case NickChanged changed -> nick = changed.name();
            case Left left -> {
                room = null;
                lastSeq = -1;
            }
            default -> {}
        }
        return asItCame ? line : new String(codec.encode(reply, Style.TEXT), StandardCharsets.UTF_8).stripTrailing();
    }

    /** Whether the chat is in a room it can come back to. */
    boolean inRoom() {
        return room != null && lastSeq >= 0;
    }

    String room() {
        return room;
    }

    /** The frames that put the chat back where it was on a new connection: its nick, then its room since. */
    List<byte[]> comeBack() {
        List<byte[]> frames = new ArrayList<>(2);
        if (nick != null) {
            frames.add(codec.encode((Request) new Nick(nick), Style.JSON));
        }
        frames.add(codec.encode((Request) new Join(room, OptionalLong.of(lastSeq)), Style.JSON));
        caughtUp = 0;
        liveAfterComeBack = false;
        return frames;
    }

    /** Whether a come-back's replay is being counted. */
    boolean catchingUp() {
        return caughtUp >= 0;
    }

    /** Whether the line just shown was the first live message after a come-back: its replay is over. */
    boolean replayOver() {
        return caughtUp >= 0 && liveAfterComeBack;
    }

    /** Ends the count of a come-back's replay: the line that says how much it caught up. */
    String caughtUp() {
        int n = caughtUp;
        caughtUp = -1;
        liveAfterComeBack = false;
        return "* caught up " + n + (n == 1 ? " message" : " messages") + " of " + room;
    }
}
