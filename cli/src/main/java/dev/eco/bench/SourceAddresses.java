package dev.eco.bench;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Picks the local address each connection binds to. Each source address has about 28,000 ephemeral ports
 * (32768-60999 by default on Linux), and ports in TIME_WAIT from an earlier run count too; so against an IPv4
 * loopback target with more than {@value #PER_ADDRESS} connections, connection {@code i} binds to
 * 127.0.0.(1 + i / {@value #PER_ADDRESS}). Every 127.x.y.z address is the local host on Linux.
 */
final class SourceAddresses {

    static final int PER_ADDRESS = 4_000;

    private final boolean spread;

    private SourceAddresses(boolean spread) {
        this.spread = spread;
    }

    static SourceAddresses forTarget(InetAddress target, int connections) {
        return new SourceAddresses(
                target instanceof Inet4Address && target.isLoopbackAddress() && connections > PER_ADDRESS);
    }

    /** How many source addresses the connections use. */
    int count(int connections) {
        return spread ? (connections + PER_ADDRESS - 1) / PER_ADDRESS : 1;
    }

    /** The address connection {@code i} binds to before connecting, or null to let the kernel choose. */
    InetSocketAddress forConnection(int i) {
        if (!spread) {
            return null;
        }
        int n = 1 + i / PER_ADDRESS;
        try {
            byte[] a = {127, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
            return new InetSocketAddress(InetAddress.getByAddress(a), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // a 4-byte array is always a valid IPv4 address
        }
    }
}
