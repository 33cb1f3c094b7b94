package dev.eco.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback that can go silent, as a cut network cable does: {@link #pause()} stops forwarding in
 * both directions while every connection stays open (what was read waits, and TCP back-pressure does the
 * rest; a new connection is accepted and then waits too), {@link #resume()} lets everything through again. No
 * timers, no buffering beyond one 16 KiB chunk per direction. Threads are named after the proxy's port.
 */
public final class PausingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final Object gate = new Object();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private boolean paused;
    private volatile boolean closed;

    /** Forwards a free loopback port to {@code targetPort} on loopback. */
    public PausingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().name("proxy-accept " + port()).start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    public String url() {
        return "nats://127.0.0.1:" + port();
    }

    public void pause() {
        synchronized (gate) {
            paused = true;
        }
    }

    public void resume() {
        synchronized (gate) {
            paused = false;
            gate.notifyAll();
        }
    }

    private void awaitOpen() throws InterruptedException {
        synchronized (gate) {
            while (paused && !closed) {
                gate.wait();
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread.ofVirtual()
                        .name("proxy " + port() + " " + client.getPort())
                        .start(() -> connect(client));
            } catch (IOException e) {
                // closed: the loop ends
            }
        }
    }

    private void connect(Socket client) {
        try {
            awaitOpen(); // a connection made while paused reaches the server only after resume()
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            sockets.add(upstream);
            Thread.ofVirtual().name("proxy " + port() + " up").start(() -> pump(client, upstream));
            pump(upstream, client);
        } catch (IOException | InterruptedException e) {
            closeQuietly(client);
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 << 10];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                awaitOpen();
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // one side closed: both go
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        sockets.remove(socket);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        resume();
        server.close();
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }
}
