package dev.eco.it.hostile;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * The well-behaved UDP client: asks from its own address and port, and as any UDP client must, sends again
 * when no answer comes (a flood can fill the server's socket buffer, where the kernel drops datagrams before
 * eco sees them): up to {@link #TRIES} times, {@link #WAIT} each, so the whole round trip is bounded by
 * {@link Probe#BOUND}.
 */
final class UdpProbe implements Attack.Asker, AutoCloseable {

    static final int TRIES = 4;
    static final Duration WAIT = Probe.BOUND.dividedBy(TRIES);

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private long count;
    private long retries;
    private long slowestNanos;

    UdpProbe(InetSocketAddress server) throws IOException {
        this.server = server;
        this.socket =
                new DatagramSocket(new InetSocketAddress(server.getAddress(), 0)); // the server's own loopback address
        socket.setSoTimeout((int) WAIT.toMillis());
    }

    @Override
    public void roundTrip() throws IOException {
        long start = System.nanoTime();
        byte[] ask = ("udp probe " + count).getBytes(StandardCharsets.US_ASCII);
        byte[] buf = new byte[2048];
        for (int attempt = 0; attempt < TRIES; attempt++) {
            socket.send(new DatagramPacket(ask, ask.length, server));
            try {
                while (true) {
                    DatagramPacket reply = new DatagramPacket(buf, buf.length);
                    socket.receive(reply);
                    if (Arrays.equals(ask, 0, ask.length, buf, 0, reply.getLength())) {
                        count++;
                        slowestNanos = Math.max(slowestNanos, System.nanoTime() - start);
                        return;
                    } // else a late answer to an earlier try
                }
            } catch (SocketTimeoutException e) {
                retries++;
            }
        }
        throw new AssertionError("the well-behaved UDP client got no echo in " + TRIES + " tries within "
                + Probe.BOUND.toMillis() + " ms");
    }

    @Override
    public String toString() {
        return count + " UDP probes, " + retries + " sent again, slowest "
                + Duration.ofNanos(slowestNanos).toMillis() + " ms (bound " + Probe.BOUND.toMillis() + " ms)";
    }

    @Override
    public void close() {
        socket.close();
    }
}
