package dev.eco.protocol;

/** How a frame was terminated; a reply ends the same way, so that telnet (CRLF) and nc (LF) both show it well. */
public enum LineEnd {
    LF,
    CRLF;

    /** Appends the terminator to {@code out}. */
    public void writeTo(java.io.ByteArrayOutputStream out) {
        if (this == CRLF) {
            out.write('\r');
        }
        out.write('\n');
    }

    /** Writes the terminator to {@code out}, a byte at a time: an enum holds no array anyone could change. */
    void writeTo(java.io.OutputStream out) throws java.io.IOException {
        if (this == CRLF) {
            out.write('\r');
        }
        out.write('\n');
    }

    /**
     * How a datagram (one frame, not a stream) ends: LF or CRLF as its last bytes, or null when it has no
     * terminator. The same rule as the stream decoder's: a CR counts only right before the final LF.
     */
    public static LineEnd ending(byte[] buf, int off, int len) {
        if (len == 0 || buf[off + len - 1] != '\n') {
            return null;
        }
        return len > 1 && buf[off + len - 2] == '\r' ? CRLF : LF;
    }

    /** The terminator's length in bytes. */
    public int length() {
        return this == CRLF ? 2 : 1;
    }

    public String text() {
        return this == LF ? "\n" : "\r\n";
    }
}
