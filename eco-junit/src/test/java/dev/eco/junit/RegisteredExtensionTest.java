package dev.eco.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension in a field, with a config of the test's own: reached through the field and by parameter. */
class RegisteredExtensionTest {

    @RegisterExtension
    final EcoServerExtension eco = new EcoServerExtension(
            ServerConfig.forTests().toBuilder().greeting("welcome").build());

    private EcoServer fromBeforeEach;

    @BeforeEach
    void before(EcoServer server) {
        fromBeforeEach = server;
    }

    @Test
    void theFieldTheParametersAndTheConfigAgree(EcoServer server, InetSocketAddress tcp) throws IOException {
        assertSame(server, eco.server());
        assertSame(server, fromBeforeEach);
        assertEquals(server.tcpAddress(), tcp);
        assertEquals(tcp, eco.tcpAddress());
        assertEquals("127.0.0.1", tcp.getAddress().getHostAddress());
        assertTrue(tcp.getPort() > 0, "a free port, not 0");
        String[] replies = Lines.exchange(tcp, true, "hi");
        assertEquals("welcome", replies[0]);
        assertEquals("hi", replies[1]);
    }

    @Test
    void outsideATestTheServerIsAClearMistake() {
        EcoServerExtension unused = new EcoServerExtension();
        IllegalStateException e = assertThrows(IllegalStateException.class, unused::server);
        assertTrue(e.getMessage().startsWith("the eco server runs only while a test runs"), e.getMessage());
        assertThrows(IllegalStateException.class, unused::tcpAddress);
    }
}
