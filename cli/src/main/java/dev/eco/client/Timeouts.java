package dev.eco.client;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

final class Timeouts {

    private Timeouts() {}

    /** A socket timeout in milliseconds: at least 1, since 0 would mean forever. */
    static int millis(Duration timeout) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing is all that was asked
        }
    }
}
