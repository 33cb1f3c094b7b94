package dev.eco.fanout;

import dev.eco.client.LineReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * One member of the measured room: its socket, and a reader that times every message it receives. Messages
 * carry their intended send time, so a delivery is timed from when it should have left, not when it did.
 */
final class MeasuredMember implements AutoCloseable {

    /** The marker of a measured message: {@code fo MEMBER SEQ SEND_NANOS}, after whatever prefix the server adds. */
    static final String MARK = "fo ";

    static final int CONNECT_TIMEOUT_MILLIS = 60_000;

    private final Socket socket;
    private final OutputStream out;
    private final LineReader in;

    MeasuredMember(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        // Generous: ncat --chat announces every arrival to everyone, so its accepts slow down as the room fills,
        // and it quits if a connection it has yet to accept is reset by an impatient client.
        socket.connect(address, CONNECT_TIMEOUT_MILLIS);
        out = socket.getOutputStream();
        in = new LineReader(socket.getInputStream());
    }

    /** Joins the room (eco) and waits, at most as long as for a connect, for the server to confirm it. */
    void join(String room) throws IOException {
        send("/join " + room);
        socket.setSoTimeout(CONNECT_TIMEOUT_MILLIS); // a server that never confirms must not hang the run
        try {
            for (String line = nextLine(); line != null; line = nextLine()) {
                if (line.startsWith("joined ")) {
                    return;
                }
                if (line.startsWith("error: ")) {
                    throw new IOException("the server refused the join: " + line);
                }
            }
            throw new IOException("the server closed the connection before the join was confirmed");
        } catch (SocketTimeoutException e) {
            throw new IOException(
                    "the server did not confirm the join within " + CONNECT_TIMEOUT_MILLIS / 1000 + "s", e);
        } finally {
            socket.setSoTimeout(0);
        }
    }

    /** The next line from the server, null at the end; a line longer than the client takes is a failure. */
    private String nextLine() throws IOException {
        byte[] line = in.readLine();
        return line == null ? null : new String(line, StandardCharsets.UTF_8);
    }

    void sendMessage(int member, long seq, long intendedNanos) throws IOException {
        send(MARK + member + " " + seq + " " + intendedNanos);
    }

    private void send(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads until the connection ends, handing each measured message's send time to {@code sink}. A line
     * that only looks measured (another client's chatter) is skipped, never the end of reading: a member
     * that stops reading stalls servers such as ncat --chat for everyone.
     */
    void receive(Deliveries sink) {
        try {
            for (String line = nextLine(); line != null; line = nextLine()) {
                long intended = intendedNanos(line);
                if (intended != NOT_MEASURED) {
                    sink.delivered(intended, System.nanoTime());
                } else if (line.startsWith("error: slow_consumer")) {
                    sink.disconnected();
                    return;
                }
            }
            sink.disconnected();
        } catch (IOException e) {
            if (!socket.isClosed()) {
                sink.disconnected();
            }
        }
    }

    static final long NOT_MEASURED = Long.MIN_VALUE;

    /** The send time a measured line carries as its last word, or {@link #NOT_MEASURED}. */
    static long intendedNanos(String line) {
        if (line.indexOf(MARK) < 0) {
            return NOT_MEASURED;
        }
        try {
            return Long.parseLong(line, line.lastIndexOf(' ') + 1, line.length(), 10);
        } catch (NumberFormatException e) {
            return NOT_MEASURED;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Where receivers report, from many threads at once. */
    interface Deliveries {
        void delivered(long intendedNanos, long receivedNanos);

        void disconnected();
    }
}
