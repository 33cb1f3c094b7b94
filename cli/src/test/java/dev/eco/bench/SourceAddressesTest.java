package dev.eco.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class SourceAddressesTest {

    @Test
    void fewConnectionsLetTheKernelChoose() throws Exception {
        SourceAddresses s = SourceAddresses.forTarget(InetAddress.ofLiteral("127.0.0.1"), SourceAddresses.PER_ADDRESS);
        assertNull(s.forConnection(0));
        assertEquals(1, s.count(SourceAddresses.PER_ADDRESS));
    }

    @Test
    void manyConnectionsSpreadOverLoopbackAddresses() throws Exception {
        SourceAddresses s = SourceAddresses.forTarget(InetAddress.ofLiteral("127.0.0.1"), 19_000);
        assertEquals("127.0.0.1", s.forConnection(0).getAddress().getHostAddress());
        assertEquals(
                "127.0.0.1",
                s.forConnection(SourceAddresses.PER_ADDRESS - 1).getAddress().getHostAddress());
        assertEquals(
                "127.0.0.2",
                s.forConnection(SourceAddresses.PER_ADDRESS).getAddress().getHostAddress());
        assertEquals("127.0.0.5", s.forConnection(18_999).getAddress().getHostAddress());
        assertEquals(5, s.count(19_000));
    }

    @Test
    void anIpv6TargetIsNotSpread() throws Exception {
        assertNull(
                SourceAddresses.forTarget(InetAddress.ofLiteral("::1"), 19_000).forConnection(10_000));
    }
}
