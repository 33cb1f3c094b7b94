package dev.eco.server.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The UDP port is eco's alone: no other socket on this machine can bind it and take its datagrams. */
class UdpListenerTest {

    @Test
    void aSecondBindOfTheSamePortFailsEvenWhenTheSecondSocketAsksToReuseIt() throws Exception {
        try (DatagramSocket eco = UdpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            InetSocketAddress address = (InetSocketAddress) eco.getLocalSocketAddress();
            assertThrows(BindException.class, () -> {
                try (DatagramSocket _ = new DatagramSocket(address)) {
                    // bound: the assertion fails
                }
            });
            assertThrows(BindException.class, () -> {
                try (DatagramSocket sharing = new DatagramSocket(null)) {
                    sharing.setReuseAddress(true); // on Linux this is enough to share a port that set it too
                    sharing.bind(address);
                }
            });
            assertEquals(false, eco.getReuseAddress(), "eco's UDP socket does not offer to share its port");
        }
    }
}
