package dev.eco.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** A loopback TCP port that was free a moment ago, for tests that need a fixed port (a restart, an env var). */
public final class FreePorts {

    private FreePorts() {}

    /** Below Linux's ephemeral range (32768 to 60999 here): see {@link #tcpOutsideEphemeralRange()}. */
    private static final int LOWEST = 20_000;

    private static final int EPHEMERAL_START = 32_768;

    /**
     * A loopback TCP port that was free a moment ago and that no outgoing connection will take as its source port
     * meanwhile (those come from the ephemeral range): for servers started one after the other, whose ports must
     * all still be free when the last one binds, while the first ones already connect to each other.
     */
    public static int tcpOutsideEphemeralRange() {
        for (int tries = 0; tries < 1_000; tries++) {
            int port = LOWEST + ThreadLocalRandom.current().nextInt(EPHEMERAL_START - LOWEST);
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return probe.getLocalPort();
            } catch (IOException e) {
                // taken: try another
            }
        }
        throw new IllegalStateException("no free loopback port between " + LOWEST + " and " + EPHEMERAL_START);
    }

    public static int tcp() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
