package dev.eco.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eco.client.ClientException;
import dev.eco.client.Connector;
import dev.eco.junit.EcoTest;
import dev.eco.server.EcoServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The clients' connector tries every address of a name in turn, as a good socket client does. */
@EcoTest
class ConnectorIT {

    @Test
    void fallsBackFromIpv6ToIpv4WhenTheServerListensOnIpv4Only(EcoServer server) throws IOException {
        int port = server.tcpAddress().getPort();
        // As a resolver answers for localhost on a dual-stack machine: ::1 first, then 127.0.0.1.
        List<InetSocketAddress> candidates = List.of(
                new InetSocketAddress(InetAddress.ofLiteral("::1"), port),
                new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), port));

        try (Socket socket = Connector.connectAny(candidates, "localhost:" + port, Duration.ofSeconds(5))) {
            assertEquals(InetAddress.ofLiteral("127.0.0.1"), socket.getInetAddress());
        }
    }

    @Test
    void whenNoAddressConnectsTheSentenceNamesTheHostAsGiven() throws IOException {
        int port = ChatClientIT.closedPort();
        List<InetSocketAddress> candidates = List.of(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), port));

        ClientException e = assertThrows(
                ClientException.class,
                () -> Connector.connectAny(candidates, "localhost:" + port, Duration.ofSeconds(5)));

        assertEquals("cannot connect to localhost:" + port + ": connection refused", e.getMessage());
    }

    @Test
    void anUnknownHostIsOneSentence() {
        ClientException e = assertThrows(
                ClientException.class, () -> Connector.connect("no-such-host.invalid", 9999, Duration.ofSeconds(5)));

        assertEquals("cannot connect to no-such-host.invalid:9999: unknown host", e.getMessage());
    }
}
