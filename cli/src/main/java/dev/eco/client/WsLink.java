package dev.eco.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A chat over WebSocket ({@code ws://} or {@code wss://}), with the JDK's client: each line is sent as one text
 * message, without its terminator, and every text message from the server is one {@link ChatEvent.Received}.
 */
public final class WsLink implements Link {

    /** How long closing waits for the server's close frame. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

    private final WebSocket socket;
    private final Receiver receiver;
    private final String shownAs;
    private final Duration timeout;

    private WsLink(WebSocket socket, Receiver receiver, String shownAs, Duration timeout) {
        this.socket = socket;
        this.receiver = receiver;
        this.shownAs = shownAs;
        this.timeout = timeout;
    }

    /** Connects and upgrades within {@code timeout}; {@code tls} for {@code wss://} (the JDK's CAs when null). */
    public static WsLink connect(URI uri, Duration timeout, TlsClient tls) throws IOException, InterruptedException {
        Receiver receiver = new Receiver();
        WebSocket socket = WsConnect.open(uri, timeout, tls, receiver);
        return new WsLink(socket, receiver, WsConnect.shownAs(uri), timeout);
    }

    @Override
    public void start(Consumer<ChatEvent> events) {
        receiver.events = events;
        socket.request(1);
    }

    @Override
    public void send(byte[] frame) throws IOException {
        int len = frame.length;
        if (len > 0 && frame[len - 1] == '\n') {
            len -= len > 1 && frame[len - 2] == '\r' ? 2 : 1; // a message needs no terminator
        }
        try {
            socket.sendText(new String(frame, 0, len, StandardCharsets.UTF_8), true)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ClientException("connection to " + shownAs + " lost: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while sending to " + shownAs, e);
        }
    }

    @Override
    public void finishSending() {
        // the server answers quit with bye and its close frame; there is no half-close to send
    }

    @Override
    public boolean datagrams() {
        return false;
    }

    @Override
    public void close() {
        receiver.closing = true;
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            receiver.closed.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // already closed, or a server that does not answer: closing is all that was asked
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            socket.abort();
        }
    }

    /** Turns the client's callbacks into chat events, one message at a time. */
    private static final class Receiver implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final java.util.concurrent.CompletableFuture<Void> closed =
                new java.util.concurrent.CompletableFuture<>();
        private long binaryBytes;
        volatile Consumer<ChatEvent> events;
        volatile boolean closing;

        @Override
        public void onOpen(WebSocket webSocket) {
            // nothing is asked for until start(): no message can arrive before someone takes it
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.accept(new ChatEvent.Received(text.toString()));
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            binaryBytes += data.remaining();
            if (last) {
                events.accept(new ChatEvent.Received("(a binary message of " + binaryBytes + " bytes)"));
                binaryBytes = 0;
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(null);
            if (!closing) {
                events.accept(new ChatEvent.Closed(null));
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(null);
            if (!closing && events != null) {
                events.accept(new ChatEvent.Closed(error.getMessage() == null ? error.toString() : error.getMessage()));
            }
        }
    }
}
