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
    /** One slot per format and line end: see {@link #slot}. */
    private final byte[][] encoded = new byte[4][];

    public Broadcast(Reply reply, Codec codec) {
        this.reply = reply;
        this.codec = codec;
    }

    public Reply reply() {
        return reply;
    }

    /** The reply's bytes in {@code style}, terminator included; callers must not modify the array. */
    public byte[] bytes(Style style) {
        int slot = slot(style);
        byte[] bytes = encoded[slot];
        if (bytes == null) {
            bytes = codec.encode(reply, style);
            encoded[slot] = bytes;
        }
        return bytes;
    }

    /** Exhaustive switches, so that a new format or line end fails to compile here instead of sharing a slot. */
    private static int slot(Style style) {
        int format = switch (style.format()) {
            case TEXT -> 0;
            case JSON -> 2;
        };
        int end = switch (style.lineEnd()) {
            case LF -> 0;
            case CRLF -> 1;
        };
        return format + end;
    }
}
