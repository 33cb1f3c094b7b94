package dev.eco.it.chat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A line client for the chat tests: every read has a timeout, so no test can hang on a missing line. */
final class LineClient implements AutoCloseable {

    /** How many of the last lines read are kept, to say what came before a missing line. */
    private static final int RECENT_LINES = 8;

    private final Socket socket;
    private final java.util.ArrayDeque<String> recent = new java.util.ArrayDeque<>();
    private final BufferedReader in;
    private final OutputStream out;

    private LineClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    static LineClient connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.connect(address, 5_000);
        return new LineClient(socket);
    }

    /** A client with a tiny receive buffer, so that a client which does not read fills up fast. */
    static LineClient connectSmall(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(address, 5_000);
        return new LineClient(socket);
    }

    LineClient send(String... lines) throws IOException {
        StringBuilder all = new StringBuilder();
        for (String line : lines) {
            all.append(line).append('\n');
        }
        out.write(all.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    String readLine() throws IOException {
        String line;
        try {
            line = in.readLine();
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException("no line within the read timeout; the last lines were " + recent);
        }
        if (line == null) {
            throw new IOException("connection closed while a line was expected; the last lines were " + recent);
        }
        if (recent.size() == RECENT_LINES) {
            recent.removeFirst();
        }
        recent.addLast(line);
        return line;
    }

    List<String> readLines(int count) throws IOException {
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(readLine());
        }
        return lines;
    }

    /** Reads until a line equal to {@code wanted}; returns the lines before it. */
    List<String> readUntil(String wanted) throws IOException {
        List<String> before = new ArrayList<>();
        for (String line = readLine(); !line.equals(wanted); line = readLine()) {
            before.add(line);
        }
        return before;
    }

    /** Whether the server has closed this connection (end of stream or reset), reading away what is left. */
    boolean isClosedByServer() {
        try {
            socket.setSoTimeout(200);
            while (in.readLine() != null) {
                // discard what was queued before the close
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
