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
final class LineConnection implements Connection, FrameDecoder.Sink, Replies, Outlet {

    /** The first read buffer; it doubles while reads fill it, up to {@link #MAX_READ_BUFFER}. */
    static final int INITIAL_READ_BUFFER = 2048;
    static final int MAX_READ_BUFFER = 64 * 1024;
    /** An output buffer that grew beyond this is dropped after its write, so idle connections stay small. */
    static final int RETAINED_OUTPUT_BUFFER = 64 * 1024;
    /** How long a closing chat connection's queue may take to drain before the socket is closed anyway. */
    static final Duration OUTBOX_DRAIN = Duration.ofSeconds(2);
    /** How long a slow consumer gets to take its {@code slow_consumer} notice before it is disconnected. */
    static final Duration SLOW_CONSUMER_GRACE = Duration.ofSeconds(1);

    private final Socket socket;
    private final Codec codec;
    private final Dispatcher dispatcher;
    private final ServerConfig config;
    private final FrameDecoder decoder;
    private final ConnectionInput input;
    private final Peer peer;
    private final String name;
    /** Null until the connection joins a room; from then on every byte for it goes through this queue. */
    private volatile Outbox outbox;
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
        this.input = new ConnectionInput(socket, config.idleTimeout());
        this.name = Peers.describe(socket.getRemoteSocketAddress());
        this.peer = new Peer(this, "tcp " + name);
    }

    @Override
    public void run() {
        long started = System.nanoTime();
        Logger.info("tcp {} opened", name);
        String ending = "closed";
        try (socket) {
            try {
                ending = serve();
            } finally {
                dispatcher.disconnected(peer);
                drainOutbox();
            }
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
        input.open();
        OutputStream output = socket.getOutputStream();
        if (config.greeting() != null) {
            out.writeBytes(config.greeting().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.writeBytes(LineEnd.LF.text().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            flush(output);
        }
        byte[] buf = new byte[INITIAL_READ_BUFFER];
        while (true) {
            int n;
            try {
                n = input.read(buf);
            } catch (SocketTimeoutException e) {
                notice(new ErrorReply(ErrorCode.IDLE_TIMEOUT,
                        "no frame for " + readable(config.idleTimeout()) + "; closing"), output);
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

    /** A duration as the user set it (500 ms, 30 s, 5 min): a sub-second timeout must not read "0 s". */
    static String readable(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0) {
            return millis / 60_000 + " min";
        }
        return millis % 1_000 == 0 ? millis / 1_000 + " s" : millis + " ms";
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
        if (outbox == null) {
            codec.encode(reply, style, out);
            framesOut++;
        } else {
            offer(codec.encode(reply, style));
        }
    }

    /** Queues bytes; before the connection joins a room only its own reader thread calls this. */
    @Override
    public boolean offer(byte[] bytes) {
        Outbox queue = outbox;
        if (queue == null) {
            out.writeBytes(bytes);
            framesOut++;
            return true;
        }
        if (queue.offer(bytes)) {
            framesOut++;
            return true;
        }
        dropSlow(codec.encode(new ErrorReply(ErrorCode.SLOW_CONSUMER, "too many replies waiting; disconnecting"),
                peer.lastStyle()));
        return false;
    }

    @Override
    public void openOutbox() {
        if (outbox == null) {
            try {
                flush(socket.getOutputStream()); // what was answered before goes first
                outbox = new Outbox(socket.getOutputStream(), config.chat(), name, this::forceClose);
            } catch (IOException e) {
                forceClose();
            }
        }
    }

    /** Called by whichever thread found the queue full: a last notice, a short grace to write it, then close. */
    @Override
    public void dropSlow(byte[] notice) {
        Outbox queue = outbox;
        if (queue == null) {
            forceClose();
            return;
        }
        queue.offerLast(notice);
        Thread.ofVirtual().name("eco-drop " + name).start(() -> {
            try {
                queue.finish(SLOW_CONSUMER_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                forceClose();
            }
        });
    }

    private void notice(Reply reply, OutputStream output) throws IOException {
        Outbox queue = outbox;
        if (queue == null) {
            send(reply, peer.lastStyle());
            flush(output);
        } else {
            queue.offerLast(codec.encode(reply, peer.lastStyle()));
        }
    }

    private void drainOutbox() {
        Outbox queue = outbox;
        if (queue != null) {
            try {
                queue.finish(OUTBOX_DRAIN);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One write for everything the last read produced (in chat mode the outbox writes instead). */
    private void flush(OutputStream output) throws IOException {
        if (out.size() == 0 || outbox != null) {
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
            input.end(); // the reader sees end of stream once it has read what the client already sent
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
