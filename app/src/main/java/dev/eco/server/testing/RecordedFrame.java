package dev.eco.server.testing;

import dev.eco.protocol.LineEnd;
import dev.eco.server.ServerMetrics.ListenerKind;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One frame a client sent, as the server received it: a line (without its terminator) on a line connection,
 * plain or TLS; a datagram (without a final LF or CRLF) on UDP; one read's bytes, as TCP delivered them, on
 * the raw listener. With the connection it came on, numbered 1, 2, … in the order connections opened (0 for
 * a datagram), its sender, and when it arrived.
 */
public final class RecordedFrame {

    private final ListenerKind listener;
    private final long connection;
    private final InetSocketAddress remote;
    private final Instant time;
    private final byte[] bytes;
    private final LineEnd end;

    /** Copies {@code buf[off..off+len)}; {@code end} is null for a raw read or an unterminated frame. */
    public RecordedFrame(
            ListenerKind listener,
            long connection,
            InetSocketAddress remote,
            Instant time,
            byte[] buf,
            int off,
            int len,
            LineEnd end) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.connection = connection;
        this.remote = remote;
        this.time = Objects.requireNonNull(time, "time");
        this.bytes = Arrays.copyOfRange(buf, off, off + len);
        this.end = end;
    }

    public ListenerKind listener() {
        return listener;
    }

    /** The connection's number, 1, 2, … in the order connections opened; 0 for a datagram. */
    public long connection() {
        return connection;
    }

    /** The sender's address and port. */
    public InetSocketAddress remote() {
        return remote;
    }

    /** When the server read it. */
    public Instant time() {
        return time;
    }

    /** A copy of its bytes, without the line terminator. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Its bytes as UTF-8 (a bad sequence shows as U+FFFD), without the line terminator. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * How the line ended: LF or CRLF (a last line that the end of the stream cut off shows how the line before
     * it ended); empty for a raw read and for a datagram without a terminator.
     */
    public Optional<LineEnd> end() {
        return Optional.ofNullable(end);
    }

    @Override
    public String toString() {
        String from = listener.name().toLowerCase(java.util.Locale.ROOT)
                + (connection == 0 ? "" : " #" + connection)
                + (remote == null ? "" : " " + remote.getAddress().getHostAddress() + ":" + remote.getPort());
        return from + " '" + text() + "'";
    }
}
