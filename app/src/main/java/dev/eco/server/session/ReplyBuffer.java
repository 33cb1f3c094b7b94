package dev.eco.server.session;

import dev.eco.protocol.LineEnd;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The replies of one read, gathered for one write. Unlike {@code ByteArrayOutputStream} it takes no monitor
 * per write: it belongs to the connection's reader thread alone.
 */
final class ReplyBuffer extends OutputStream {

    /** A buffer grown beyond this is given back after its write, so idle connections stay small. */
    static final int RETAINED = 64 * 1024;

    private static final int INITIAL = 256;

    private static final byte[] NONE = {};

    private byte[] buf = NONE;
    private int size;

    @Override
    public void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int off, int len) {
        ensure(len);
        System.arraycopy(bytes, off, buf, size, len);
        size += len;
    }

    void write(LineEnd end) {
        if (end == LineEnd.CRLF) {
            write('\r');
        }
        write('\n');
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(Math.max(buf.length * 2, INITIAL), size + more));
        }
    }

    /** Makes room for {@code n} bytes at the end, to be filled in place through {@link #array()}; returns where. */
    int grow(int n) {
        ensure(n);
        int at = size;
        size += n;
        return at;
    }

    /** Drops everything after the first {@code newSize} bytes. */
    void truncate(int newSize) {
        size = newSize;
    }

    /** The content is the first {@link #size()} bytes; valid until the next write. */
    byte[] array() {
        return buf;
    }

    int size() {
        return size;
    }

    /** Empties the buffer after its write, giving back a large array. */
    void reset() {
        size = 0;
        if (buf.length > RETAINED) {
            buf = NONE;
        }
    }

    /** Gives back the array when empty (the connection hibernates); the next write makes a new one. */
    void release() {
        if (size == 0) {
            buf = NONE;
        }
    }
}
