package dev.eco.it.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A room member that reads slowly on purpose: a small receive buffer, and at most {@link #READ_BYTES} every
 * {@link #PACE_MILLIS}, about 100 KB/s. It counts the room messages it received by their mark ({@code #}).
 */
final class SlowMember implements AutoCloseable {

    static final int RECEIVE_BUFFER = 16 * 1024;
    static final int READ_BYTES = 10_000;
    static final long PACE_MILLIS = 100;

    private final Socket socket;
    private final AtomicLong marks = new AtomicLong();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Thread reader;

    SlowMember(InetSocketAddress server, String room, int n) throws IOException {
        socket = new Socket();
        socket.setReceiveBufferSize(RECEIVE_BUFFER);
        socket.connect(server, 10_000);
        socket.getOutputStream().write(("/join " + room + "\n").getBytes(StandardCharsets.US_ASCII));
        reader = Thread.ofVirtual().name("slow-member-" + n).start(this::read);
    }

    private void read() {
        byte[] buf = new byte[READ_BYTES];
        try {
            InputStream in = socket.getInputStream();
            for (int got = in.read(buf); got >= 0; got = in.read(buf)) {
                long found = 0;
                for (int i = 0; i < got; i++) {
                    if (buf[i] == '#') {
                        found++;
                    }
                }
                marks.addAndGet(found);
                Thread.sleep(PACE_MILLIS); // the attack's pace: slow enough for a backlog, never too slow
            }
        } catch (IOException | InterruptedException e) {
            // closed by the test, or cut off by the server: ended says which
        } finally {
            ended.set(true);
        }
    }

    long marks() {
        return marks.get();
    }

    /** Whether its connection ended (the server cut it off, or the test closed it). */
    boolean ended() {
        return ended.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        reader.interrupt(); // out of its pause at once
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
