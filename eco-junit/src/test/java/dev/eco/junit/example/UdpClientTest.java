package dev.eco.junit.example;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eco.junit.EcoTest;
import dev.eco.server.EcoServer;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

// README's example, exactly as it is printed there (but for the package line): it must compile and pass. It is
// in a package of its own, as a user's test is, so that it imports what a user's test imports.
@EcoTest
class UdpClientTest {

    @Test
    void myClientGetsItsDatagramBack(EcoServer eco) throws IOException {
        InetSocketAddress udp = eco.udpAddress().orElseThrow(); // an Optional: empty when UDP is off
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(5_000);
            byte[] hello = "hello, udp".getBytes(UTF_8);
            socket.send(new DatagramPacket(hello, hello.length, udp));
            DatagramPacket reply = new DatagramPacket(new byte[512], 512);
            socket.receive(reply);
            assertEquals("hello, udp", new String(reply.getData(), 0, reply.getLength(), UTF_8));
        }
    }
}
