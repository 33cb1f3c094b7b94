package dev.eco.server;

import dev.eco.protocol.Codec;
import dev.eco.protocol.Message.Reply;
import dev.eco.protocol.Style;

/**
 * One reply on its way to many members, encoded at most once per style however many receive it.
 * Used by one thread at a time (under its room's lock).
 */
final class Broadcast {

    private final Reply reply;
    private final Codec codec;
    private final byte[][] encoded = new byte[Style.Format.values().length * 2][];

    Broadcast(Reply reply, Codec codec) {
        this.reply = reply;
        this.codec = codec;
    }

    byte[] bytes(Style style) {
        int slot = style.format().ordinal() * 2 + style.lineEnd().ordinal();
        byte[] bytes = encoded[slot];
        if (bytes == null) {
            bytes = codec.encode(reply, style);
            encoded[slot] = bytes;
        }
        return bytes;
    }
}
