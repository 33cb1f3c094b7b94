package dev.eco.server.ws;

import dev.eco.protocol.LineEnd;
import dev.eco.protocol.ws.CloseCode;
import dev.eco.protocol.ws.Opcode;
import dev.eco.protocol.ws.WsDecoder;
import dev.eco.protocol.ws.WsEncoder;
import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.net.Connection;
import dev.eco.server.net.ReadBuffer;
import dev.eco.server.net.Session;
import dev.eco.server.session.FrameHandler;
import dev.eco.server.session.Framing;
import dev.eco.server.session.LogText;
import dev.eco.server.ws.RequestHead.Read;
import java.io.IOException;
import org.tinylog.Logger;

/**
 * One connection to a WebSocket listener, run entirely on its reader thread: first one HTTP request (the
 * upgrade, or the page, or an error status), then, once upgraded, the line protocol message by message. Each
 * text message is one frame of the protocol and each reply one text message ({@link FrameHandler} with
 * {@link Framing#WEBSOCKET}); a binary message is echoed as it is; a ping is answered. It ends on {@code quit}
 * (close 1000), the client's close frame (echoed), a violation of RFC 6455 (close 1002 or 1007), idle timeout
 * or shutdown (a notice, then close 1001), or a broken socket.
 */
final class WsSession implements Session, WsDecoder.Sink {

    private final Connection connection;
    private final WsSessions settings;
    private final String kind;
    private FrameHandler handler;
    private WsDecoder decoder;
    /** Set by a frame that ends the connection; nothing after it is answered. */
    private Close ending;
    /** Binary messages of this read: frames like the text ones, for the read's count. */
    private int binaryThisRead;

    private long binaryIn;

    WsSession(Connection connection, WsSessions settings) {
        this.connection = connection;
        this.settings = settings;
        this.kind = connection.listener().name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public Close serve() throws IOException {
        Read read = RequestHead.read(connection, settings.lines().timeouts().idle());
        Upgrade.Answer answer;
        byte[] early = null;
        switch (read) {
            case Read.Ended ended -> {
                return ended.how(); // the client went, or shutdown or the idle timeout came first: nobody to answer
            }
            case Read.TooLong tooLong ->
                answer = new Upgrade.Answer(
                        HttpResponse.error(
                                431,
                                "Request Header Fields Too Large",
                                "the request head is longer than " + RequestHead.MAX_BYTES + " bytes"),
                        Close.HTTP,
                        "431");
            case Read.Malformed bad ->
                answer = new Upgrade.Answer(HttpResponse.error(400, "Bad Request", bad.why()), Close.HTTP, "400");
            case Read.Whole whole -> {
                answer = Upgrade.answer(whole.request(), settings.origins(), settings.page(), settings.secure());
                early = whole.rest();
            }
        }
        Logger.debug("{} {}: {}", kind, connection.name(), LogText.escape(answer.why()));
        byte[] response = answer.response();
        connection.write(response, 0, response.length, 0, true);
        if (!answer.upgrades()) {
            return answer.closes();
        }
        handler = new FrameHandler(connection, settings.lines(), Framing.WEBSOCKET);
        try {
            return serveMessages(early);
        } finally {
            handler.finish();
        }
    }

    private Close serveMessages(byte[] early) throws IOException {
        decoder = new WsDecoder(settings.lines().codec().limits().maxFrameBytes());
        handler.greet();
        if (early.length > 0 && decode(early, early.length)) {
            return ending;
        }
        ReadBuffer buf = new ReadBuffer();
        while (true) {
            int n = connection.read(buf.array());
            if (n < 0) {
                Close how = connection.inputEnd();
                if (how == Close.PEER) {
                    handler.flush(); // the client went without a close frame: nobody is left to tell
                } else {
                    handler.end(how);
                }
                return how;
            }
            if (decode(buf.array(), n)) {
                return ending;
            }
            buf.after(n);
        }
    }

    /** Decodes one read and sends what it produced; true when the connection ends. */
    private boolean decode(byte[] buf, int n) throws IOException {
        binaryThisRead = 0;
        decoder.decode(buf, 0, n, this);
        connection.metrics().read(connection.listener(), n, handler.takeFramesThisRead() + binaryThisRead);
        if (ending == null && handler.quit()) {
            ending = Close.QUIT;
            handler.end(Close.QUIT); // after its bye, the close frame
        } else {
            handler.flush();
        }
        return ending != null;
    }

    @Override
    public String counts() {
        return handler == null ? "no upgrade" : handler.counts() + ", binary in " + binaryIn;
    }

    private boolean answering() {
        return ending == null && !handler.quit();
    }

    @Override
    public void text(byte[] buf, int off, int len) {
        if (answering()) {
            handler.frame(buf, off, len, LineEnd.LF);
        }
    }

    @Override
    public void binary(byte[] buf, int off, int len) {
        if (answering()) {
            binaryThisRead++;
            binaryIn++;
            handler.sendAsIs(WsEncoder.frame(Opcode.BINARY, buf, off, len));
        }
    }

    @Override
    public void ping(byte[] buf, int off, int len) {
        if (answering()) {
            handler.sendAsIs(WsEncoder.frame(Opcode.PONG, buf, off, len));
        }
    }

    @Override
    public void pong(byte[] buf, int off, int len) {
        // unasked pongs are a heartbeat: nothing to answer
    }

    @Override
    public void close(int code, String reason) {
        if (ending == null) {
            ending = handler.quit() ? Close.QUIT : Close.PEER;
            lastFrame(WsEncoder.close(code == CloseCode.NO_STATUS ? CloseCode.NORMAL : code, ""));
        }
    }

    @Override
    public void tooLong(int opcode, byte[] head, int off, int len) {
        if (answering()) {
            handler.tooLong(head, off, len, LineEnd.LF); // answered frame_too_long, whether it was text or binary
        }
    }

    @Override
    public void fail(int code, String reason) {
        if (ending == null) {
            Logger.debug("{} {}: closed {}: {}", kind, connection.name(), code, reason);
            ending = Close.PROTOCOL;
            lastFrame(WsEncoder.close(code, reason));
        }
    }

    private void lastFrame(byte[] frame) {
        try {
            handler.last(frame);
        } catch (IOException e) {
            Logger.debug("{} {}: the close frame could not be sent: {}", kind, connection.name(), e.getMessage());
        }
    }
}
