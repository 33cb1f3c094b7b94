package dev.eco.server.udp;

import dev.eco.server.ServerMetrics.UdpDrop;
import dev.eco.server.session.TokenBucket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Decides which datagrams get an answer, against reflection attacks and echo loops: datagrams from
 * privileged source ports (below 1024, where echo, chargen and other servers live) are dropped, and each
 * source address is held to a token bucket. Used by the UDP thread only.
 */
final class UdpGuard {

    /** Source addresses whose buckets are remembered; the least recently seen is forgotten first. */
    static final int TRACKED_SOURCES = 10_000;

    private final int ratePerSecond;
    private final int burst;
    private final LruMap<InetAddress, TokenBucket> buckets = new LruMap<>(TRACKED_SOURCES);

    UdpGuard(int ratePerSecond, int burst) {
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
    }

    /** Why this datagram gets no answer, or null when it gets one. */
    UdpDrop check(InetSocketAddress source, long now) {
        if (source.getPort() < 1024) {
            return UdpDrop.PRIVILEGED_PORT;
        }
        if (ratePerSecond == 0) {
            return null;
        }
        TokenBucket bucket =
                buckets.computeIfAbsent(source.getAddress(), a -> new TokenBucket(ratePerSecond, burst, now));
        return bucket.tryTake(now) ? null : UdpDrop.RATE_LIMITED;
    }
}
