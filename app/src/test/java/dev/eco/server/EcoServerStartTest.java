package dev.eco.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Starting and failing to start: what is bound, what a failure says, and that it leaves nothing running. */
class EcoServerStartTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static List<String> ecoThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("eco-"))
                .sorted()
                .toList();
    }

    @Test
    void aPortInUseIsNamedByItsOptionAndLeavesNoThreadBehind() throws Exception {
        List<String> before = ecoThreads();
        try (ServerSocket taken = new ServerSocket(0, 1, LOOPBACK)) {
            int port = taken.getLocalPort();
            // An idle timeout, so that there is a sweeper to leak.
            ServerConfig config = ServerConfig.forTests().toBuilder()
                    .port(port)
                    .udpPort(ServerConfig.OFF)
                    .idleTimeout(Duration.ofSeconds(30))
                    .build();
            BindException e = assertThrows(BindException.class, () -> EcoServer.start(config));
            assertEquals("--port " + port + " is in use", e.getMessage());
        }
        assertEquals(before, ecoThreads(), "a failed start left threads running");
    }

    @Test
    void aUdpPortInUseClosesTheTcpListenerAgain() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, LOOPBACK)) {
            int port = taken.getLocalPort();
            ServerConfig config =
                    ServerConfig.forTests().toBuilder().udpPort(port).build();
            BindException e = assertThrows(BindException.class, () -> EcoServer.start(config));
            assertEquals("--udp-port " + port + " is in use", e.getMessage());
        }
        assertTrue(
                ecoThreads().stream().noneMatch(name -> name.startsWith("eco-accept")),
                ecoThreads().toString());
    }

    @Test
    void withPortZeroUdpTakesTheNumberTcpGot() throws Exception {
        ServerConfig config =
                ServerConfig.forTests().toBuilder().udpPort(ServerConfig.SAME).build();
        try (EcoServer server = EcoServer.start(config)) {
            assertEquals(
                    server.tcpAddress().getPort(),
                    server.udpAddress().orElseThrow().getPort());
        }
    }

    @Test
    void aRawPortEqualToTheTcpPortIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ServerConfig.builder().port(7000).rawPort(7000).build());
        assertEquals("--raw-port must differ from --port", e.getMessage());
        ServerConfig.builder().port(0).rawPort(0).build(); // two free ports: fine
    }

    @Test
    void isAcceptingFromStartUntilClose() throws Exception {
        EcoServer server = EcoServer.start(ServerConfig.forTests());
        try (server) {
            assertTrue(server.isAccepting());
            assertEquals(0, server.roomCount());
            assertEquals(0, server.memberCount());
        }
        assertFalse(server.isAccepting());
    }
}
