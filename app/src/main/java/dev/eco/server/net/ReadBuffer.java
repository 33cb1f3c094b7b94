package dev.eco.server.net;

/**
 * A connection's read buffer: small while the client is slow, larger while it sends faster than the server
 * reads. It doubles when a read fills it, up to {@link #MAX}, and goes back to {@link #INITIAL} after
 * {@link #SHRINK_AFTER} reads in a row that used at most a quarter of it. Reader thread only.
 */
public final class ReadBuffer {

    /**
     * The first size: small, because an idle connection holds it while it waits, and no smaller than a typical
     * line and a short burst of pipelined ones, so that their replies leave in one write (PipeliningIT: 50 short
     * lines, about 200 bytes). Each doubling would cost about 0.25 KB of heap per idle connection
     * (docs/performance.md, memory).
     */
    public static final int INITIAL = 256;

    public static final int MAX = 64 * 1024;
    /** Small reads in a row after which a grown buffer is given back. */
    public static final int SHRINK_AFTER = 16;

    private byte[] buf = new byte[INITIAL];
    private int smallReads;

    public byte[] array() {
        return buf;
    }

    /** Adapts the size after a read of {@code n} bytes into {@link #array()}; the old array is then invalid. */
    public void after(int n) {
        if (n == buf.length) {
            smallReads = 0;
            if (buf.length < MAX) {
                buf = new byte[buf.length * 2];
            }
        } else if (buf.length > INITIAL && n <= buf.length / 4 && ++smallReads >= SHRINK_AFTER) {
            smallReads = 0;
            buf = new byte[INITIAL];
        } else if (n > buf.length / 4) {
            smallReads = 0;
        }
    }
}
