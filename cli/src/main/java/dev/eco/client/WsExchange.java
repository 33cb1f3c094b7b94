package dev.eco.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One message over WebSocket and its reply, with the JDK's client: a text message (the line protocol) or, for
 * {@code binary}, a binary message whose echo must be the same bytes.
 */
public final class WsExchange implements Exchange {

    /** What the server sent: a whole message, or the end. */
    private sealed interface Incoming {
        @SuppressWarnings("ArrayRecordComponent") // handed over once, never compared or kept
        record Message(byte[] bytes, boolean binary) implements Incoming {}

        record Ended(String problem) implements Incoming {}
    }

    private final BlockingQueue<Incoming> incoming = new LinkedBlockingQueue<>();
    private final WebSocket socket;
    private final String shownAs;
    private final Duration timeout;
    private final boolean binary;

    /** Connects within {@code timeout} ({@code tls} for {@code wss://}), and drops a greeting if one comes. */
    public WsExchange(URI uri, Duration timeout, TlsClient tls, boolean binary) throws IOException {
        this.shownAs = WsConnect.shownAs(uri);
        this.timeout = timeout;
        this.binary = binary;
        try {
            this.socket = WsConnect.open(uri, timeout, tls, new Collector());
            socket.request(1);
            // A greeting is not the reply to the first message.
            Incoming first = incoming.poll(ChatSession.GREETING_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (first instanceof Incoming.Ended) {
                incoming.add(first);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while connecting to " + shownAs, e);
        }
    }

    @Override
    public byte[] roundTrip(byte[] message) throws IOException {
        try {
            (binary
                            ? socket.sendBinary(ByteBuffer.wrap(message), true)
                            : socket.sendText(new String(message, StandardCharsets.UTF_8), true))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Incoming reply = incoming.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return switch (reply) {
                case null ->
                    throw new ClientException("no reply from " + shownAs + " within " + Endpoints.describe(timeout));
                case Incoming.Ended ended ->
                    throw new ClientException(
                            ended.problem() == null
                                    ? "connection closed by server before it replied"
                                    : "connection to " + shownAs + " lost: " + ended.problem());
                case Incoming.Message m -> {
                    if (binary && !Arrays.equals(m.bytes(), message)) {
                        throw new ClientException("the echo from " + shownAs + " differs from what was sent ("
                                + m.bytes().length + " bytes back, " + message.length + " sent)");
                    }
                    yield m.bytes();
                }
            };
        } catch (ExecutionException | TimeoutException e) {
            throw new ClientException("connection to " + shownAs + " lost: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted", e);
        }
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(1, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // already closed: closing is all that was asked
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            socket.abort();
        }
    }

    /** Collects whole messages into the queue. */
    private final class Collector implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private byte[] bytes = new byte[0];

        @Override
        public void onOpen(WebSocket webSocket) {
            // asked for after construction
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                incoming.add(new Incoming.Message(text.toString().getBytes(StandardCharsets.UTF_8), false));
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            int at = bytes.length;
            bytes = Arrays.copyOf(bytes, at + data.remaining());
            data.get(bytes, at, data.remaining());
            if (last) {
                incoming.add(new Incoming.Message(bytes, true));
                bytes = new byte[0];
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            incoming.add(new Incoming.Ended(null));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            incoming.add(new Incoming.Ended(error.getMessage() == null ? error.toString() : error.getMessage()));
        }
    }
}
