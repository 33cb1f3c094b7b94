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
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.tinylog.Logger;

/**
 * One connection of the line listener, run entirely on its own virtual thread: read, decode, dispatch,
 * then write all the replies of that read at once. It ends on {@code quit}, end of stream (after answering
 * everything, the unterminated tail included), idle timeout, shutdown, or a broken socket.
 */
final class LineConnection extends TcpConnection implements FrameDecoder.Sink, Replies, Outlet {

    /** An output buffer that grew beyond this is dropped after its write, so idle connections stay small. */
    static final int RETAINED_OUTPUT_BUFFER = 64 * 1024;
    /** How long a closing chat connection's queue may take to drain before the socket is closed anyway. */
    static final Duration OUTBOX_DRAIN = Duration.ofSeconds(2);
    /** How long a slow consumer gets to take its {@code slow_consumer} notice before it is disconnected. */
    static final Duration SLOW_CONSUMER_GRACE = Duration.ofSeconds(1);

    private final Codec codec;
    private final Dispatcher dispatcher;
    private final ServerConfig config;
    private final FrameDecoder decoder;
    private final Peer peer;
    /** Null until the connection joins a room; from then on every byte for it goes through this queue. */
    private volatile Outbox outbox;
    private OutputBuffer out = new OutputBuffer(256);
    private Dispatcher.Next next = Dispatcher.Next.CONTINUE;
    private long framesIn;
    /** Counted by whichever thread queues a frame: in a room, other members' threads too. */
    private final LongAdder framesOut = new LongAdder();
    private final AtomicBoolean dropping = new AtomicBoolean();

    LineConnection(Socket socket, Codec codec, Dispatcher dispatcher, ServerConfig config) {
        super("tcp", socket);
        this.codec = codec;
        this.dispatcher = dispatcher;
        this.config = config;
        this.decoder = codec.newFrameDecoder();
        this.peer = new Peer(this, "tcp " + name);
    }

    @Override
    protected String serve() throws IOException {
        try {
            return serveFrames();
        } finally {
            dispatcher.disconnected(peer); // leave the room: the members are told
            drainOutbox();
        }
    }

    @Override
    protected String counts() {
        return "frames in " + framesIn + " out " + framesOut.sum();
    }

    private String serveFrames() throws IOException {
        OutputStream output = socket.getOutputStream();
        if (config.greeting() != null) {
            out.writeBytes(config.greeting().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.writeBytes(LineEnd.LF.text().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            flush(output);
        }
        byte[] buf = new byte[INITIAL_READ_BUFFER];
        while (true) {
            int n = input.read(buf);
            if (n < 0) {
                decoder.finish(this);
                flush(output);
                if (next == Dispatcher.Next.CLOSE) {
                    return "quit";
                }
                if (input.idleExpired()) {
                    notice(new ErrorReply(ErrorCode.IDLE_TIMEOUT,
                            "nothing sent or received for " + readable(config.idleTimeout()) + "; closing"), output);
                    return "idle timeout";
                }
                if (isShuttingDown()) {
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
            buf = grow(buf, n);
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
        // The common case, plain text outside a room (no outbox yet means never in one): its own bytes back,
        // without decoding and encoding them.
        if (outbox == null && next == Dispatcher.Next.CONTINUE && !Logger.isDebugEnabled()
                && codec.echoesAsIs(buf, off, len)) {
            framesIn++;
            peer.noteStyle(Style.text(end));
            out.write(buf, off, len);
            end.writeTo(out);
            framesOut.increment();
            return;
        }
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
            framesOut.increment();
        } else if (!offer(codec.encode(reply, style))) {
            dispatcher.overflowed(peer); // its own replies no longer fit: a slow consumer like any other
        }
    }

    /**
     * Queues bytes without blocking; false when the queue is full, and the caller decides what follows.
     * Before the connection joins a room, only its own reader thread calls this.
     */
    @Override
    public boolean offer(byte[] bytes) {
        Outbox queue = outbox;
        if (queue == null) {
            out.writeBytes(bytes);
            framesOut.increment();
            return true;
        }
        if (queue.offer(bytes)) {
            framesOut.increment();
            return true;
        }
        return false;
    }

    @Override
    public void openOutbox() {
        if (outbox == null) {
            try {
                flush(socket.getOutputStream()); // what was answered before goes first
                outbox = new Outbox(socket.getOutputStream(), config.chat(), name, writeClock(), this::forceClose);
            } catch (IOException e) {
                forceClose();
            }
        }
    }

    /**
     * Called by whichever thread found the queue full: a last notice, a short grace to write it, then close.
     * Only the first call acts.
     */
    @Override
    public void dropSlow(byte[] notice) {
        if (!dropping.compareAndSet(false, true)) {
            return;
        }
        endedBy("slow consumer");
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
        write(output, out.array(), 0, out.size());
        if (out.size() > RETAINED_OUTPUT_BUFFER) {
            out = new OutputBuffer(256);
        } else {
            out.reset();
        }
    }
}
