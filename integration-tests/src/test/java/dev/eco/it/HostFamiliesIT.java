package dev.eco.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eco.it.support.EcoProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --host 0.0.0.0} is every IPv4 address and nothing else, on every listener; {@code ::} is every IPv4
 * and IPv6 address; each {@code eco listening} line says what was bound. Checked by connecting, over IPv4
 * loopback and IPv6 loopback, to the real {@code eco serve}. The metrics endpoint, the JDK's HTTP server, has
 * no IPv4-only wildcard: its line says {@code [::]} for 0.0.0.0, as documented.
 */
class HostFamiliesIT {

    private static final InetAddress V4 = InetAddress.ofLiteral("127.0.0.1");
    private static final InetAddress V6 = InetAddress.ofLiteral("::1");
    private static final List<String> KINDS = List.of("tcp", "udp", "raw", "tls", "metrics");

    @BeforeAll
    static void ipv6LoopbackIsThere() {
        try (ServerSocket probe = new ServerSocket(0, 1, V6)) {
            assumeTrue(probe.getLocalPort() > 0);
        } catch (IOException e) {
            assumeTrue(false, "no IPv6 loopback on this machine (" + e.getMessage() + "): the IPv6 half cannot run");
        }
    }

    @Test
    void theIpv4WildcardTakesIpv4AloneOnTheServersListeners() throws Exception {
        try (EcoProcess eco = serve("0.0.0.0")) {
            assertEquals(lines(eco, "0.0.0.0", "[::]"), eco.stdout().subList(0, KINDS.size()));
            for (String kind : List.of("tcp", "raw", "tls")) {
                connect(V4, eco.port(kind)).close();
                assertThrows(ConnectException.class, () -> connect(V6, eco.port(kind)), kind + " took IPv6");
            }
            assertEquals("hi", echoLine(V4, eco.port("tcp")));
            assertEquals("over udp", datagram(V4, eco.port("udp"), "over udp"));
            assertThrows(
                    PortUnreachableException.class, () -> datagram(V6, eco.port("udp"), "over udp"), "udp took IPv6");
        }
    }

    @Test
    void theIpv6WildcardTakesBoth() throws Exception {
        try (EcoProcess eco = serve("::")) {
            assertEquals(lines(eco, "[::]", "[::]"), eco.stdout().subList(0, KINDS.size()));
            for (InetAddress loopback : List.of(V4, V6)) {
                for (String kind : List.of("tcp", "raw", "tls")) {
                    connect(loopback, eco.port(kind)).close();
                }
                assertEquals("hi", echoLine(loopback, eco.port("tcp")), loopback.toString());
                assertEquals("over udp", datagram(loopback, eco.port("udp"), "over udp"), loopback.toString());
            }
        }
    }

    private static EcoProcess serve(String host) throws IOException {
        EcoProcess eco = EcoProcess.serve(
                "--host",
                host,
                "--port",
                "0",
                "--raw-port",
                "0",
                "--tls-port",
                "0",
                "--tls-self-signed",
                "--metrics-port",
                "0",
                "--metrics-host",
                host);
        eco.port("metrics"); // the last listening line
        return eco;
    }

    /** The listening lines eco must print, with the ports it printed. */
    private static List<String> lines(EcoProcess eco, String host, String metricsHost) {
        return KINDS.stream()
                .map(kind -> "eco listening " + kind + " " + (kind.equals("metrics") ? metricsHost : host) + ":"
                        + eco.port(kind))
                .toList();
    }

    private static Socket connect(InetAddress address, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address, port), 5_000);
            socket.setSoTimeout(5_000);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static String echoLine(InetAddress address, int port) throws IOException {
        try (Socket socket = connect(address, port);
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            socket.getOutputStream().write("hi\n".getBytes(StandardCharsets.UTF_8));
            return in.readLine();
        }
    }

    /**
     * One datagram and its reply, over a connected socket: where nothing listens, the loopback's ICMP "port
     * unreachable" comes back as {@link PortUnreachableException}.
     */
    private static String datagram(InetAddress address, int port, String text) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, 0))) {
            socket.connect(address, port);
            socket.setSoTimeout(5_000);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(bytes, bytes.length));
            DatagramPacket reply = new DatagramPacket(new byte[512], 512);
            socket.receive(reply);
            return new String(Arrays.copyOf(reply.getData(), reply.getLength()), StandardCharsets.UTF_8);
        }
    }
}
