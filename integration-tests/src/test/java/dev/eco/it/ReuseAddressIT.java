package dev.eco.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.FreePorts;
import dev.eco.it.support.TestClient;
import dev.eco.it.support.Tools;
import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A server restarted on its port at once binds, although connections of the old one sit in TIME_WAIT. */
class ReuseAddressIT {

    @Test
    void aSecondServerBindsTheSamePortWhileTheFirstOnesConnectionsAreInTimeWait() throws Exception {
        int port = FreePorts.tcp();
        ServerConfig config = ServerConfig.forTests().toBuilder()
                .port(port)
                .udpPort(port)
                .rawPort(ServerConfig.OFF)
                .build();
        EcoServer first = EcoServer.start(config);
        try (TestClient client = TestClient.connect(first.tcpAddress())) {
            assertEquals("before", client.roundTrip("before"));
            first.close(); // the server closes first, so its side of the connection goes to TIME_WAIT
            assertEquals("server shutting down", client.readLine());
            client.assertEof();
        } finally {
            first.close();
        }
        String timeWait = timeWaitOn(port);
        Tools.require(timeWait != null, "ss (Debian package iproute2) is needed to see the TIME_WAIT connection");
        assertTrue(timeWait.contains(":" + port), "expected a TIME_WAIT connection on port " + port + ": " + timeWait);
        try (EcoServer second = EcoServer.start(config);
                TestClient client = TestClient.connect(second.tcpAddress())) {
            assertEquals(port, second.tcpAddress().getPort());
            assertEquals("after", client.roundTrip("after"));
        }
    }

    @Test
    void aStartThatFailsOnOneListenerLeavesNoPortBound() throws IOException {
        int port = FreePorts.tcp();
        try (DatagramSocket udpTaken =
                new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            ServerConfig config =
                    ServerConfig.forTests().toBuilder().port(port).udpPort(port).build();
            assertThrows(
                    BindException.class,
                    () -> EcoServer.start(config),
                    "UDP port " + udpTaken.getLocalPort() + " is taken");
        }
        // The TCP listener was bound before UDP failed; it must have been closed again.
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
    }

    /** The TIME_WAIT sockets on this local port as ss lists them, or null without ss. */
    private static String timeWaitOn(int port) throws InterruptedException {
        try {
            Process ss = new ProcessBuilder("ss", "-tanH", "state", "time-wait", "( sport = :" + port + " )")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return ss.waitFor(10, TimeUnit.SECONDS) && ss.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        }
    }
}
