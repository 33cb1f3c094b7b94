package dev.eco.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines a server sends, each of a bounded length: a server that sends an endless line (a bug, or a hostile
 * server) gets a {@link ClientException}, not a client that fills its memory. A read that times out keeps what
 * it read of the line for the next call. One thread.
 */
public final class LineReader {

    /** The longest line a client takes by default: far above any line an eco server sends with its defaults. */
    public static final int MAX_LINE_BYTES = 1 << 20;

    private final InputStream in;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int limit;
    private byte[] line = new byte[256];
    private int length;

    public LineReader(InputStream in) {
        this.in = in;
    }

    /** {@link #readLine(int)} of at most {@link #MAX_LINE_BYTES}. */
    public byte[] readLine() throws IOException {
        return readLine(MAX_LINE_BYTES);
    }

    /**
     * The next line without its LF or CRLF, of at most {@code maxBytes}; an unterminated last line at end of
     * stream; null at end of stream otherwise.
     */
    public byte[] readLine(int maxBytes) throws IOException {
        while (true) {
            if (pos == limit) {
                int n = in.read(buf);
                if (n < 0) {
                    return length == 0 ? null : take(length);
                }
                pos = 0;
                limit = n;
            }
            int lf = indexOfLf();
            int end = lf < 0 ? limit : lf;
            append(end - pos, maxBytes);
            pos = lf < 0 ? limit : lf + 1;
            if (lf >= 0) {
                int n = length;
                return take(n > 0 && line[n - 1] == '\r' ? n - 1 : n);
            }
        }
    }

    private int indexOfLf() {
        for (int i = pos; i < limit; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int n, int maxBytes) throws ClientException {
        if (length + n > maxBytes + 1) { // one byte over: it may be the CR of a CRLF
            length = 0;
            throw new ClientException("the server sent a line longer than " + maxBytes + " bytes");
        }
        if (length + n > line.length) {
            line = Arrays.copyOf(line, Math.min(Math.max(line.length * 2, length + n), maxBytes + 1));
        }
        System.arraycopy(buf, pos, line, length, n);
        length += n;
    }

    private byte[] take(int n) {
        byte[] bytes = Arrays.copyOf(line, n);
        length = 0;
        if (line.length > 8192) {
            line = new byte[256]; // a long line is over: keep a small buffer
        }
        return bytes;
    }
}
