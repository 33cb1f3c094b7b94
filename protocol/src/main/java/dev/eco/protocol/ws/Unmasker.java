package dev.eco.protocol.ws;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * XORs one frame's payload with its 4-byte masking key, in place, however the payload is split into reads:
 * eight bytes at a time where it can, since a key repeats every 4 bytes and so every 8.
 */
final class Unmasker {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The masking key's length: the last bytes of a client frame's header. */
    static final int KEY_BYTES = 4;

    private final byte[] key = new byte[KEY_BYTES];
    /** Payload bytes of this frame unmasked so far, modulo 4: where in the key the next byte starts. */
    private int phase;

    /** A new frame, whose key is {@code header[at, at+4)}. */
    void start(byte[] header, int at) {
        System.arraycopy(header, at, key, 0, 4);
        phase = 0;
    }

    void unmask(byte[] buf, int off, int len) {
        int i = off;
        int end = off + len;
        if (len >= 16) {
            long wide = 0;
            for (int j = 7; j >= 0; j--) {
                wide = (wide << 8) | (key[(phase + j) & 3] & 0xFFL);
            }
            for (; i + 8 <= end; i += 8) {
                LONGS.set(buf, i, (long) LONGS.get(buf, i) ^ wide);
            }
        }
        int k = (phase + (i - off)) & 3;
        for (; i < end; i++) {
            buf[i] ^= key[k];
            k = (k + 1) & 3;
        }
        phase = (phase + len) & 3;
    }
}
