package dev.eco.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.eco.protocol.Codec;
import dev.eco.protocol.FrameDecoder;
import dev.eco.protocol.Inbound;
import dev.eco.protocol.LineEnd;
import dev.eco.protocol.Message.Help;
import dev.eco.protocol.Message.Join;
import dev.eco.protocol.Message.Leave;
import dev.eco.protocol.Message.ListRooms;
import dev.eco.protocol.Message.Nick;
import dev.eco.protocol.Message.Ping;
import dev.eco.protocol.Message.Post;
import dev.eco.protocol.Message.Quit;
import dev.eco.protocol.Message.Request;
import dev.eco.protocol.Message.Text;
import dev.eco.protocol.Message.Who;
import dev.eco.protocol.RawJson;
import dev.eco.protocol.Style;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A request as a client encodes it comes out of the server's frame decoder and codec as the same request, in the
 * same style. The fuzzer builds the request: any kind, names and texts of any characters, message bodies and ids
 * as JSON in any of its legal spellings (which must come back byte for byte).
 *
 * <p>Text that a line cannot carry as itself is not generated: an LF, a CR at the end, a first non-blank
 * <code>&#123;</code> (JSON), or a leading {@code /} or {@code quit} (commands, TextCommandFuzzTest's part).
 */
class CodecRoundTripFuzzTest {

    private static final Codec CODEC = new Codec();

    @FuzzTest
    void requestToBytesToRequest(FuzzedDataProvider data) {
        Style style = new Style(data.pickValue(Style.Format.values()), data.pickValue(LineEnd.values()));
        Request request = style.isJson() ? jsonRequest(data) : textRequest(data);
        if (request == null) {
            return;
        }
        byte[] wire = CODEC.encode(request, style);
        List<Inbound> decoded = decode(wire);
        if (request instanceof Text text && style.isJson()) {
            // A client in JSON style sends text as a message whose body is that text as a JSON string.
            Post post = assertInstanceOf(Post.class, decoded.getFirst().request());
            assertEquals(text.text(), JsonOracle.parse(post.body().json()).stringValue());
            assertNull(post.id());
            assertEquals(1, decoded.size());
            return;
        }
        assertEquals(List.of(new Inbound(request, style)), decoded, () -> new String(wire, StandardCharsets.UTF_8));
    }

    private static Request jsonRequest(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 9)) {
            case 0 -> new Post(new RawJson(JsonValues.value(data)), id(data));
            case 1 -> new Ping(id(data));
            case 2 -> new Nick(wellFormed(data.consumeString(40)));
            case 3 -> new Join(wellFormed(data.consumeString(40)));
            case 4 -> new Quit();
            case 5 -> new Help();
            case 6 -> new Leave();
            case 7 -> new Who();
            case 8 -> new ListRooms();
            default -> new Text(wellFormed(data.consumeString(80)));
        };
    }

    /** An id is absent, a JSON string or a JSON number. */
    private static RawJson id(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 2)) {
            case 0 -> null;
            case 1 -> {
                StringBuilder s = new StringBuilder();
                JsonValues.string(data, s);
                yield new RawJson(s.toString());
            }
            default ->
                new RawJson(Long.toString(data.consumeLong())
                        + data.pickValue(new String[] {"", ".0", ".50", "e3", "E-2"}));
        };
    }

    private static Request textRequest(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 8)) {
            case 0 -> new Ping(null);
            case 1 -> new Quit();
            case 2 -> new Help();
            case 3 ->
                Optional.ofNullable(argument(data.consumeString(40)))
                        .map(Nick::new)
                        .orElse(null);
            case 4 ->
                Optional.ofNullable(argument(data.consumeString(40)))
                        .filter(room -> !resumeForm(room))
                        .map(Join::new)
                        .orElse(null);
            case 5 -> new Leave();
            case 6 -> new Who();
            case 7 -> new ListRooms();
            default ->
                Optional.ofNullable(lineOfText(data.consumeString(80)))
                        .map(Text::new)
                        .orElse(null);
        };
    }

    /**
     * Whether a join's argument reads as {@code ROOM since …}: the text form of a resume, so a room of that shape
     * cannot be written as a plain text join (room names have no blanks anyway).
     */
    private static boolean resumeForm(String argument) {
        String[] words = argument.split("[ \t]+", -1); // an empty last word is never "since"
        return words.length >= 2 && words[1].equalsIgnoreCase("since");
    }

    /** A command's argument as a line can carry it: without blanks around it (they are not part of it). */
    private static String argument(String s) {
        String line = lineOfText(s);
        return line == null || line.isEmpty() || !line.strip().equals(line) ? null : line;
    }

    /** The text, if a text line carries it as itself; else null. */
    private static String lineOfText(String s) {
        String text = wellFormed(s);
        String stripped = text.strip();
        boolean carried = text.indexOf('\n') < 0
                && !text.endsWith("\r")
                && !stripped.startsWith("{")
                && !stripped.startsWith("/")
                && !stripped.regionMatches(true, 0, "quit", 0, 4);
        return carried ? text : null;
    }

    /** Client text is Unicode: a lone surrogate (which has no UTF-8 form) becomes U+FFFD, as the JDK encodes it. */
    private static String wellFormed(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private static List<Inbound> decode(byte[] wire) {
        List<Inbound> out = new ArrayList<>();
        FrameDecoder decoder = CODEC.newFrameDecoder();
        FrameDecoder.Sink sink = new FrameDecoder.Sink() {
            @Override
            public void frame(byte[] buf, int off, int len, LineEnd end) {
                out.add(CODEC.decode(buf, off, len, end));
            }

            @Override
            public void tooLong(byte[] head, int off, int len, LineEnd end) {
                out.add(CODEC.tooLong(head, off, len, end));
            }
        };
        FrameLog.feed(decoder, wire, 0, wire.length, sink);
        decoder.finish(sink);
        return out;
    }
}
