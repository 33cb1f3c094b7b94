package dev.eco.server.net;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Reads away what a client still sends while its connection closes, within one deadline for the whole drain:
 * a timeout per read would let a client that trickles a byte now and then hold its connection for hours.
 */
public final class Linger {

    /** Sets the timeout of the next read; zero is never used here. */
    @FunctionalInterface
    public interface ReadTimeout {
        void set(Duration timeout) throws IOException;
    }

    private Linger() {}

    /**
     * Reads and drops {@code in} until end of stream, {@code maxBytes} or {@code linger} in all, whichever is
     * first; a read that times out ends it (as a {@link java.net.SocketTimeoutException}).
     */
    public static void drain(InputStream in, Duration linger, int maxBytes, ReadTimeout timeout) throws IOException {
        long deadline = System.nanoTime() + linger.toNanos();
        byte[] sink = new byte[4096];
        for (int total = 0; total < maxBytes; ) {
            long left = deadline - System.nanoTime();
            if (left < 1_000_000) {
                return;
            }
            timeout.set(Duration.ofNanos(left));
            int n = in.read(sink);
            if (n < 0) {
                return;
            }
            total += n;
        }
    }
}
