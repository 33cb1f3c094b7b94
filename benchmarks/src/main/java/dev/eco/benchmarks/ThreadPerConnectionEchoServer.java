package dev.eco.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The classic reference: one platform thread per connection with blocking streams. It reads into an 8 KiB
 * buffer and writes back, in one write per read, every complete line it holds; a partial line waits for its
 * end. UDP is one thread echoing each datagram to its sender. The kernel's thread limit (pid_max) bounds it
 * far below 19,000 connections.
 */
public final class ThreadPerConnectionEchoServer {

    public static void main(String[] argv) throws IOException {
        Args args = Args.parse(argv);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ServerSocket server = new ServerSocket(args.port(), 4096, loopback);
        System.out.println("threads listening tcp " + loopback.getHostAddress() + ":" + server.getLocalPort());
        if (args.udpPort() >= 0) {
            DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, args.udpPort()));
            System.out.println("threads listening udp " + loopback.getHostAddress() + ":" + udp.getLocalPort());
            Thread.ofPlatform().name("udp").start(() -> udpEcho(udp));
        }
        System.out.flush();
        while (true) {
            Socket s = server.accept();
            s.setTcpNoDelay(true);
            Thread.ofPlatform()
                    .name("conn-" + s.getPort())
                    .stackSize(256 * 1024)
                    .start(() -> lineEcho(s));
        }
    }

    static void lineEcho(Socket s) {
        byte[] buf = new byte[8192];
        int held = 0;
        try (s;
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream()) {
            while (true) {
                int n = in.read(buf, held, buf.length - held);
                if (n < 0) {
                    return;
                }
                held += n;
                int end = held;
                while (end > 0 && buf[end - 1] != '\n') {
                    end--;
                }
                if (end == 0 && held == buf.length) {
                    return; // a line longer than the buffer: give up on this peer, as Netty's decoder fails fast
                }
                if (end > 0) {
                    out.write(buf, 0, end);
                    System.arraycopy(buf, end, buf, 0, held - end);
                    held -= end;
                }
            }
        } catch (IOException e) {
            // the peer went away
        }
    }

    static void udpEcho(DatagramSocket udp) {
        DatagramPacket p = new DatagramPacket(new byte[65_536], 65_536);
        try {
            while (true) {
                p.setLength(65_536);
                udp.receive(p);
                udp.send(p);
            }
        } catch (IOException e) {
            System.err.println("threads: udp stopped: " + e.getMessage());
        }
    }
}
