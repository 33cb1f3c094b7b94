package dev.eco.server.tls;

import dev.eco.server.net.HandshakeException;
import dev.eco.server.net.Linger;
import dev.eco.server.net.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLSocket;
import org.tinylog.Logger;

/**
 * One TLS connection: an {@link SSLSocket} layered over the accepted TCP socket, which this wire also keeps.
 *
 * <p>The handshake runs on the reader's thread at its first read or write, bounded as a whole by the
 * handshake timeout: a client that never finishes is closed then, having cost an idle connection's place
 * and thread meanwhile.
 *
 * <p>An {@code SSLSocket} cannot {@code shutdownInput} before the peer's close_notify, and its
 * {@code available()} counts only bytes already decrypted. So {@link #endInput} looks at both the decrypted
 * bytes and the TCP socket's, and only when neither has any does it shut the <em>TCP</em> socket's input:
 * the reader, blocked on an empty socket, sees end of stream there, which the JDK's TLS takes as the end of
 * input (it does not require close_notify unless {@code com.sun.net.ssl.requireCloseNotify} is set), while
 * the output stays open for the last replies and the shutdown notice. {@link #closeAndDrain} sends
 * close_notify, so the client reads a proper end of stream, not a truncation.
 */
final class TlsWire implements Wire {

    /** How much of the client's remaining input is read away at close, at most. */
    static final int LINGER_BYTES = 64 * 1024;

    private final Socket tcp;
    private final SSLSocket ssl;
    private final Duration handshakeTimeout;
    private volatile boolean handshaken;
    /** Set just before {@link #endInput} shuts the TCP input: whatever the read then reports, it is the end. */
    private volatile boolean inputEnded;

    private volatile boolean handshakeTimedOut;

    TlsWire(Socket tcp, SSLSocket ssl, Duration handshakeTimeout) {
        this.tcp = tcp;
        this.ssl = ssl;
        this.handshakeTimeout = handshakeTimeout;
    }

    /** Once, on the connection's thread, before its first read or write. */
    private void handshake() throws IOException {
        if (handshaken) {
            return;
        }
        // One deadline for the whole handshake (a per-read timeout would let a client trickle forever). The
        // timer is the JDK's shared delay scheduler; completing the future cancels it.
        CompletableFuture<Void> done = new CompletableFuture<>();
        done.orTimeout(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS).exceptionally(e -> {
            if (e instanceof TimeoutException) {
                handshakeTimedOut = true;
                close();
            }
            return null;
        });
        try {
            ssl.startHandshake();
            handshaken = true;
        } catch (IOException e) {
            throw new HandshakeException(
                    handshakeTimedOut
                            ? "TLS handshake not finished within " + handshakeTimeout.toMillis() + " ms"
                            : "TLS handshake failed: " + e.getMessage(),
                    e);
        } finally {
            done.complete(null);
        }
    }

    @Override
    public InputStream input() throws IOException {
        handshake();
        return new EndableInput(ssl.getInputStream());
    }

    @Override
    public OutputStream output() throws IOException {
        handshake();
        return ssl.getOutputStream();
    }

    @Override
    public SocketAddress remote() {
        return tcp.getRemoteSocketAddress();
    }

    @Override
    public void readTimeout(Duration timeout) throws IOException {
        ssl.setSoTimeout((int) timeout.toMillis());
    }

    @Override
    public boolean endInput(End why) {
        if (!handshaken) {
            // Still handshaking (a client that already sent its Finished and its first lines may be here):
            // at shutdown the reader finds the ending flag at its first read after the handshake, which the
            // handshake timeout and the shutdown grace bound. The flag is set before this check and read after
            // handshaken is set, so one of the two threads sees the other's write. An idle one is left to
            // the handshake timeout.
            return why == End.SHUTDOWN;
        }
        try {
            if (inputEnded) {
                return true;
            }
            if (why != End.FRAME_TIMEOUT
                    && (ssl.getInputStream().available() > 0
                            || tcp.getInputStream().available() > 0)) {
                // SHUTDOWN: the reader is about to read those bytes and will find the ending flag.
                return why == End.SHUTDOWN;
            }
            // (Bytes arriving at this very moment, between the check and the wake-up, may go unread.)
            inputEnded = true;
            tcp.shutdownInput();
            return true;
        } catch (IOException e) {
            Logger.debug("ending input: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public void closeAndDrain(Duration linger) {
        try (this) {
            if (!ssl.isOutputShutdown()) { // a fault's close-after may have ended it already
                ssl.shutdownOutput(); // close_notify
            }
            Linger.drain(new EndableInput(ssl.getInputStream()), linger, LINGER_BYTES, this::readTimeout);
        } catch (IOException e) {
            // gone, reset or silent: nothing left to protect
        }
    }

    @Override
    public void finishOutput() throws IOException {
        ssl.shutdownOutput(); // close_notify, then FIN on the TCP socket under it
    }

    @Override
    public void reset() {
        try {
            tcp.setSoLinger(true, 0);
        } catch (IOException e) {
            Logger.debug("reset: {}", e.getMessage());
        }
        close();
    }

    /** Closes the TCP socket under the TLS one: never waits for a lock held by a blocked TLS write. */
    @Override
    public void close() {
        try {
            tcp.close();
        } catch (IOException e) {
            Logger.debug("close: {}", e.getMessage());
        }
    }

    /** The decrypted input; end of stream once {@link #endInput} shut the TCP input, however TLS reports it. */
    private final class EndableInput extends InputStream {
        private final InputStream in;

        EndableInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                if (inputEnded) {
                    return -1;
                }
                throw e;
            }
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }
    }
}
