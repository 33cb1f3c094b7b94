package dev.eco.chat;

import dev.eco.protocol.Codec;
import dev.eco.protocol.Message.Reply;
import dev.eco.protocol.Style;

/**
 * One reply on its way to one or many members, encoded at most once per style however many receive it.
 * Safe to share between threads: two threads that ask for the same style at once may both encode it, and
 * either result is the same bytes.
 */
public final class Broadcast {

    private final Reply reply;
    private final Codec codec;
    private final byte[][] encoded = new byte[Style.Format.values().length * 2][];

    public Broadcast(Reply reply, Codec codec) {
        this.reply = reply;
        this.codec = codec;
    }

    public Reply reply() {
        return reply;
    }

    /** The reply's bytes in {@code style}, terminator included; callers must not modify the array. */
    public byte[] bytes(Style style) {
        int slot = style.format().ordinal() * 2 + style.lineEnd().ordinal();
        byte[] bytes = encoded[slot];
        if (bytes == null) {
            bytes = codec.encode(reply, style);
            encoded[slot] = bytes;
        }
        return bytes;
    }
}
