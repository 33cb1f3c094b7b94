package dev.eco.server;

import dev.eco.protocol.Codec;
import dev.eco.protocol.FrameDecoder;
import dev.eco.protocol.Inbound;
import dev.eco.protocol.LineEnd;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Reply;
import dev.eco.protocol.Message.Shutdown;
import dev.eco.protocol.ErrorCode;
import dev.eco.protocol.Style;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.tinylog.Logger;

/**
 * One connection of the line listener, run entirely on its own virtual thread: read, decode, dispatch,
 * then write all the replies of that read at once. It ends on {@code quit}, end of stream (after answering
 * everything, the unterminated tail included), idle timeout, shutdown, or a broken socket.
 */
final class LineConnection implements Connection, FrameDecoder.Sink, Replies {

    /** The first read buffer; it doubles while reads fill it, up to {@link #MAX_READ_BUFFER}. */
    static final int INITIAL_READ_BUFFER = 2048;
    static final int MAX_READ_BUFFER = 64 * 1024;
    /** An output buffer that grew beyond this is dropped after its write, so idle connections stay small. */
    static final int RETAINED_OUTPUT_BUFFER = 64 * 1024;

    private final Socket socket;
    private final Codec codec;
    private final Dispatcher dispatcher;
    private final ServerConfig config;
    private final FrameDecoder decoder;
    private final Peer peer = new Peer();
    private final String name;
    private ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    private Dispatcher.Next next = Dispatcher.Next.CONTINUE;
    private long framesIn;
    private long framesOut;
    private volatile boolean shuttingDown;

    LineConnection(Socket socket, Codec codec, Dispatcher dispatcher, ServerConfig config) {
        this.socket = socket;
        this.codec = codec;
        this.dispatcher = dispatcher;
        this.config = config;
        this.decoder = codec.newFrameDecoder();
        this.name = Peers.describe(socket.getRemoteSocketAddress());
    }

    @Override
    public void run() {
        long started = System.nanoTime();
        Logger.info("tcp {} opened", name);
        String ending = "closed";
        try (socket) {
            ending = serve();
        } catch (IOException e) {
            // A peer that went away (reset, broken pipe) is routine, not a server problem.
            ending = "broken (" + e.getMessage() + ")";
            Logger.debug("tcp {}: {}", name, e.toString());
        } finally {
            Logger.info("tcp {} {} after {} ms, frames in {} out {}", name, ending,
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), framesIn, framesOut);
        }
    }

    private String serve() throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream output = socket.getOutputStream();
        if (!config.idleTimeout().isZero()) {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, config.idleTimeout().toMillis()));
        }
        if (config.greeting() != null) {
            out.writeBytes(config.greeting().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.writeBytes(LineEnd.LF.text().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            flush(output);
        }
        byte[] buf = new byte[INITIAL_READ_BUFFER];
        while (true) {
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                notice(new ErrorReply(ErrorCode.IDLE_TIMEOUT,
                        "no frame for " + config.idleTimeout().toSeconds() + " s; closing"), output);
                return "idle timeout";
            }
            if (n < 0) {
                decoder.finish(this);
                flush(output);
                if (next == Dispatcher.Next.CLOSE) {
                    return "quit";
                }
                if (shuttingDown) {
                    notice(new Shutdown(), output);
                    return "closed by shutdown";
                }
                return "closed by peer";
            }
            decoder.decode(buf, 0, n, this);
            flush(output);
            if (next == Dispatcher.Next.CLOSE) {
                return "quit";
            }
            if (n == buf.length && buf.length < MAX_READ_BUFFER) {
                buf = new byte[buf.length * 2]; // the client sends faster than we read: read more per call
            }
        }
    }

    @Override
    public void frame(byte[] buf, int off, int len, LineEnd end) {
        handle(codec.decode(buf, off, len, end));
    }

    @Override
    public void tooLong(byte[] head, int off, int len, LineEnd end) {
        handle(codec.tooLong(head, off, len, end));
    }

    private void handle(Inbound inbound) {
        if (next == Dispatcher.Next.CLOSE) {
            return; // frames after quit are not answered
        }
        framesIn++;
        if (Logger.isDebugEnabled()) {
            Logger.debug("tcp {} frame: {}", name, LogText.escape(inbound.request().toString()));
        }
        next = dispatcher.dispatch(inbound, peer, this);
    }

    @Override
    public void send(Reply reply, Style style) {
        codec.encode(reply, style, out);
        framesOut++;
    }

    private void notice(Reply reply, OutputStream output) throws IOException {
        send(reply, peer.lastStyle());
        flush(output);
    }

    /** One write for everything the last read produced. */
    private void flush(OutputStream output) throws IOException {
        if (out.size() == 0) {
            return;
        }
        out.writeTo(output);
        if (out.size() > RETAINED_OUTPUT_BUFFER) {
            out = new ByteArrayOutputStream(256);
        } else {
            out.reset();
        }
    }

    @Override
    public void beginShutdown() {
        shuttingDown = true;
        try {
            socket.shutdownInput(); // the reader sees end of stream once it has read what already arrived
        } catch (IOException e) {
            forceClose();
        }
    }

    @Override
    public void forceClose() {
        try {
            socket.close();
        } catch (IOException e) {
            Logger.debug("tcp {} close: {}", name, e.getMessage());
        }
    }
}
