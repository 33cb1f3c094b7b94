package dev.eco.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Opens a TCP connection the way a good socket client does: every address of the host name is tried in
 * turn (IPv6 and IPv4, in the resolver's order), each with a connect timeout, until one connects. A host
 * bound to 127.0.0.1 only is thus reached through {@code localhost} even where that resolves to ::1 first.
 */
public final class Connector {

    private Connector() {}

    /** Connects to {@code host:port}; a failure is one sentence: {@code cannot connect to HOST:PORT: connection refused}. */
    public static Socket connect(String host, int port, Duration timeout) throws ClientException {
        return connectAny(resolve(host, port), Endpoints.describe(host, port), timeout);
    }

    /** Every address of {@code host}, as the resolver orders them. */
    public static List<InetSocketAddress> resolve(String host, int port) throws ClientException {
        try {
            List<InetSocketAddress> addresses = new ArrayList<>();
            for (InetAddress address : InetAddress.getAllByName(host)) {
                addresses.add(new InetSocketAddress(address, port));
            }
            return addresses;
        } catch (UnknownHostException e) {
            throw new ClientException("cannot connect to " + Endpoints.describe(host, port) + ": unknown host", e);
        }
    }

    /**
     * Tries each candidate in order and returns the first connected socket; when none connects, the
     * sentence names {@code shownAs} and the reason of the first failure (the likeliest address).
     */
    public static Socket connectAny(List<InetSocketAddress> candidates, String shownAs, Duration timeout)
            throws ClientException {
        IOException first = null;
        for (InetSocketAddress candidate : candidates) {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true); // one line at a time: do not wait for more to fill a segment
                socket.connect(candidate, (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first == null) {
            throw new ClientException("cannot connect to " + shownAs + ": no address");
        }
        throw new ClientException("cannot connect to " + shownAs + ": " + reason(first, timeout), first);
    }

    private static String reason(IOException e, Duration timeout) {
        if (e instanceof SocketTimeoutException) {
            return "no answer within " + Endpoints.describe(timeout);
        }
        if (e instanceof ConnectException
                && e.getMessage() != null
                && e.getMessage().startsWith("Connection refused")) {
            return "connection refused";
        }
        return e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().toLowerCase(Locale.ROOT);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing was sent on it
        }
    }
}
