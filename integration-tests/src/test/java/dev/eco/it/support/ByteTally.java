package dev.eco.it.support;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** The bytes the test's clients sent and received, to compare with the server's byte counters. */
public final class ByteTally {

    public long sent;
    public long received;
    public long privileged;

    public void send(TestClient client, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        client.send(bytes);
        sent += bytes.length;
    }

    public String read(TestClient client) throws IOException {
        String line = client.readRawLine();
        received += line.getBytes(StandardCharsets.UTF_8).length + 1;
        return line;
    }

    public String roundTrip(TestClient client, String line) throws IOException {
        send(client, line + "\n");
        return read(client);
    }

    public String ask(DatagramSocket client, InetSocketAddress server, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        client.send(new DatagramPacket(bytes, bytes.length, server));
        sent += bytes.length;
        DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
        client.receive(reply);
        received += reply.getLength();
        return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
    }
}
