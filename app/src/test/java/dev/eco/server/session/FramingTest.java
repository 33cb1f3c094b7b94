package dev.eco.server.session;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eco.protocol.Codec;
import dev.eco.protocol.ErrorCode;
import dev.eco.protocol.LineEnd;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Pong;
import dev.eco.protocol.Style;
import dev.eco.server.ServerMetrics.Close;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The same replies as lines and as WebSocket text messages. */
class FramingTest {

    private final Codec codec = new Codec();

    private static String hex(ReplyBuffer out) {
        return HexFormat.of().formatHex(Arrays.copyOf(out.array(), out.size()));
    }

    @Test
    void anEchoIsItsBytesWithTheirTerminatorOrInOneTextFrame() {
        byte[] msg = "a\nb".getBytes(UTF_8);
        ReplyBuffer lines = new ReplyBuffer();
        Framing.LINES.echo(lines, msg, 0, 3, LineEnd.CRLF);
        assertEquals(HexFormat.of().formatHex("a\nb\r\n".getBytes(UTF_8)), hex(lines));
        ReplyBuffer ws = new ReplyBuffer();
        Framing.WEBSOCKET.echo(ws, msg, 0, 3, LineEnd.LF);
        assertEquals("8103" + HexFormat.of().formatHex(msg), hex(ws));
    }

    @Test
    void aReplyIsOneTextFrameWithoutItsTerminatorWhateverItsLength() {
        for (int n : new int[] {0, 100, 200, 70_000}) {
            ErrorReply reply = new ErrorReply(ErrorCode.BAD_JSON, "x".repeat(n));
            byte[] line = codec.encode(reply, Style.JSON);
            ReplyBuffer ws = new ReplyBuffer();
            ws.write('!'); // something before, as in a buffer that holds other replies of the same read
            Framing.WEBSOCKET.reply(ws, codec, reply, Style.JSON);
            byte[] expected = Framing.WEBSOCKET.wrap(line, LineEnd.LF);
            assertEquals("21" + HexFormat.of().formatHex(expected), hex(ws), "body of " + n);
        }
        ReplyBuffer lines = new ReplyBuffer();
        Framing.LINES.reply(lines, codec, new Pong(null), Style.TEXT);
        assertEquals(HexFormat.of().formatHex("pong\n".getBytes(UTF_8)), hex(lines));
    }

    @Test
    void theLastBytesOfAWebSocketAreTheNoticeThenTheCloseFrame() {
        byte[] notice = "server shutting down\n".getBytes(UTF_8);
        assertEquals(notice, Framing.LINES.last(notice, LineEnd.LF, Close.SHUTDOWN));
        byte[] ws = Framing.WEBSOCKET.last(notice, LineEnd.LF, Close.SHUTDOWN);
        String text = new String(ws, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals("\u0081\u0014server shutting down", text.substring(0, 22));
        assertEquals((byte) 0x88, ws[22]);
        assertEquals(0x03E9, ((ws[24] & 0xFF) << 8) | (ws[25] & 0xFF), "1001, going away");
    }
}
