package dev.eco.server;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;

/**
 * The JDK starts the poller of virtual threads' socket I/O lazily, at the first virtual thread that blocks
 * on a socket, and needs file descriptors to do it. Were that first block to come while the process is out of
 * descriptors (a connect burst beyond the limit), the poller would fail to start, and every connection's read
 * after it would fail for the rest of the process. So the server makes one virtual thread block briefly at
 * start, while descriptors are plenty.
 */
final class VirtualPoller {

    private VirtualPoller() {}

    static void warmUp() throws IOException {
        Thread thread = Thread.ofVirtual().name("eco-poller-warm-up").start(() -> {
            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                socket.setSoTimeout(1);
                socket.receive(new DatagramPacket(new byte[1], 1)); // parks the virtual thread: starts the poller
            } catch (SocketTimeoutException expected) {
                // nothing was to come
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting", e);
        }
    }
}
