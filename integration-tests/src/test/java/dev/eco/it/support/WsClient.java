package dev.eco.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.eco.protocol.ws.Opcode;
import dev.eco.protocol.ws.WsEncoder;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;

/**
 * A raw WebSocket client for tests, over a plain or TLS socket: it writes whatever frames a test asks for
 * (masked or not, fragmented, broken) and reads the server's frames one by one, so that each rule of RFC 6455
 * can be checked from outside. Reads time out after {@link TestClient#READ_TIMEOUT}.
 */
public final class WsClient implements AutoCloseable {

    /** A frame from the server. */
    @SuppressWarnings("ArrayRecordComponent") // read once by the test that asked for it, never compared whole
    public record Frame(int opcode, boolean fin, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** A close frame's status code; -1 when it has none. */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
        }

        public String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }

        @Override
        public String toString() {
            return opcode == Opcode.CLOSE
                    ? "close " + closeCode() + " " + closeReason()
                    : "op " + opcode + " " + text();
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final String status;
    private final String responseHead;
    private final SecureRandom random = new SecureRandom();

    private WsClient(Socket socket, String responseHead) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = socket.getOutputStream();
        this.responseHead = responseHead;
        this.status = responseHead.isEmpty() ? "" : responseHead.substring(0, responseHead.indexOf('\r'));
    }

    /** Upgrades a connection to {@code address} with no Origin; fails the test unless it gets 101. */
    public static WsClient open(InetSocketAddress address) throws IOException {
        WsClient client = attempt(address, null, null);
        assertEquals("HTTP/1.1 101 Switching Protocols", client.status(), client.responseHead);
        return client;
    }

    /** Over TLS with {@code tls}. */
    public static WsClient open(InetSocketAddress address, SSLContext tls) throws IOException {
        WsClient client = attempt(address, tls, null);
        assertEquals("HTTP/1.1 101 Switching Protocols", client.status(), client.responseHead);
        return client;
    }

    /** Upgrades a connection whose receive buffer is {@code bytes} (set before connecting): a slow reader. */
    public static WsClient openReceivingLittle(InetSocketAddress address, int bytes) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(bytes);
        WsClient client = exchange(address, socket, request(address, null));
        assertEquals("HTTP/1.1 101 Switching Protocols", client.status(), client.responseHead);
        return client;
    }

    /** Sends an upgrade request with these extra header lines ({@code Origin: …}), whatever the answer. */
    public static WsClient attempt(InetSocketAddress address, SSLContext tls, String extraHeaders) throws IOException {
        return exchange(address, tls, request(address, extraHeaders));
    }

    private static byte[] request(InetSocketAddress address, String extraHeaders) {
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        String request = "GET / HTTP/1.1\r\nHost: " + address.getAddress().getHostAddress() + ":" + address.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key) + "\r\n" + (extraHeaders == null ? "" : extraHeaders + "\r\n")
                + "\r\n";
        return request.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends {@code request} as it is and reads the response head. */
    public static WsClient exchange(InetSocketAddress address, SSLContext tls, byte[] request) throws IOException {
        return exchange(
                address, tls == null ? new Socket() : tls.getSocketFactory().createSocket(), request);
    }

    private static WsClient exchange(InetSocketAddress address, Socket socket, byte[] request) throws IOException {
        try {
            socket.connect(address, 5_000);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) TestClient.READ_TIMEOUT.toMillis());
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            // read the head byte by byte, so that no frame is read into a buffer here
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            String text = "";
            while (!text.endsWith("\r\n\r\n")) {
                int b = socket.getInputStream().read();
                if (b < 0) {
                    break;
                }
                head.write(b);
                text = head.toString(StandardCharsets.ISO_8859_1);
            }
            return new WsClient(socket, text);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The response's status line: {@code HTTP/1.1 101 Switching Protocols}. */
    public String status() {
        return status;
    }

    public String responseHead() {
        return responseHead;
    }

    /** The body after an HTTP response head, up to the end of the stream. */
    public String body() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Sends one masked frame. */
    public WsClient send(int opcode, boolean fin, byte[] payload) throws IOException {
        byte[] key = new byte[4];
        random.nextBytes(key);
        return sendRaw(WsEncoder.masked(opcode, fin, payload, 0, payload.length, key));
    }

    public WsClient sendText(String text) throws IOException {
        return send(Opcode.TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends bytes as they are: a frame made by hand, or anything else. */
    public WsClient sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** The next frame from the server. */
    public Frame read() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        if ((b1 & 0x80) != 0) {
            fail("the server masked a frame");
        }
        long len = b1 & 0x7F;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        return new Frame(b0 & 0x0F, (b0 & 0x80) != 0, payload);
    }

    /** The next frame, which must be a whole text message. */
    public String readText() throws IOException {
        Frame f = read();
        assertEquals(Opcode.TEXT, f.opcode(), () -> "expected a text message, got " + f);
        return f.text();
    }

    public String roundTrip(String text) throws IOException {
        return sendText(text).readText();
    }

    /** The next frame must be a close frame with {@code code}; then the server ends the connection. */
    public Frame expectClose(int code) throws IOException {
        Frame f = read();
        assertEquals(Opcode.CLOSE + " " + code, f.opcode() + " " + f.closeCode(), () -> "got " + f);
        expectEnd();
        return f;
    }

    /** The server ends the connection (after what it sent): end of stream, within the read timeout. */
    public void expectEnd() throws IOException {
        try {
            int b = in.read();
            if (b >= 0) {
                fail("expected the end of the connection, got byte " + b);
            }
        } catch (SocketTimeoutException e) {
            fail("the server did not close the connection within " + TestClient.READ_TIMEOUT);
        } catch (IOException e) {
            // reset after the close: ended too
        }
    }

    /** Whether the server ended the connection, waiting up to {@code wait}. */
    public boolean endedWithin(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            while (true) {
                read();
            }
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
