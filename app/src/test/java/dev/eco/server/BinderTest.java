package dev.eco.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** UDP "same as TCP": the TCP number first; a free port only when TCP was asked for any free one. */
class BinderTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void withTcpOnAnyFreePortATakenNumberFallsBackToAFreeUdpPort() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, LOOPBACK)) {
            int number = taken.getLocalPort();
            Binder binder = new Binder(LOOPBACK, 50);
            try (DatagramSocket udp = binder.udp(ServerConfig.SAME, 0, number)) {
                assertNotEquals(number, udp.getLocalPort());
            }
        }
    }

    @Test
    void withAPortAskedForATakenNumberIsAnError() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, LOOPBACK)) {
            int number = taken.getLocalPort();
            Binder binder = new Binder(LOOPBACK, 50);
            BindException e = assertThrows(BindException.class, () -> binder.udp(ServerConfig.SAME, number, number));
            assertEquals("--udp-port " + number + " is in use", e.getMessage());
        }
    }
}
