package dev.eco.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Help;
import dev.eco.protocol.Message.Invalid;
import dev.eco.protocol.Message.Ping;
import dev.eco.protocol.Message.Post;
import dev.eco.protocol.Message.Quit;
import dev.eco.protocol.Message.Request;
import dev.eco.protocol.Message.Text;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a client encodes, the server decodes to the same request, in the same style. */
class RequestRoundTripTest {

    private static final Codec CODEC = new Codec();

    private static void assertRoundTrip(Request request, Style style) {
        byte[] wire = CODEC.encode(request, style);
        assertEquals(List.of(new Inbound(request, style)), Pipeline.decode(CODEC, wire), request + " as " + style);
    }

    @Test
    void textRequests() {
        List<Request> requests = List.of(
                new Text("hello"),
                new Text("  spaced out "),
                new Text(""),
                new Text("héllo wörld 😀"),
                new Text("[\"not json\"]"),
                new Ping(null),
                new Quit(),
                new Help());
        for (LineEnd end : LineEnd.values()) {
            for (Request request : requests) {
                assertRoundTrip(request, new Style(Style.Format.TEXT, end));
            }
        }
    }

    @Test
    void jsonRequests() {
        List<Request> requests = List.of(
                new Post(new RawJson("{\"a\": [1, 2.5e3, \"\\u00e9\"]}"), new RawJson("\"m-1\"")),
                new Post(new RawJson("\"plain\""), null),
                new Post(new RawJson("null"), new RawJson("12")),
                new Ping(new RawJson("-7")),
                new Ping(new RawJson("\"p\"")),
                new Ping(null),
                new Quit(),
                new Help());
        for (LineEnd end : LineEnd.values()) {
            for (Request request : requests) {
                assertRoundTrip(request, new Style(Style.Format.JSON, end));
            }
        }
    }

    @Test
    void textInJsonStyleIsSentAsAMessageWithAStringBody() {
        byte[] wire = CODEC.encode((Request) new Text("say \"hi\"\n"), Style.JSON);
        assertEquals(
                List.of(new Inbound(new Post(new RawJson("\"say \\\"hi\\\"\\n\""), null), Style.JSON)),
                Pipeline.decode(CODEC, wire));
    }

    @Test
    void anInvalidRequestCannotBeEncoded() {
        Invalid invalid = new Invalid(new ErrorReply(ErrorCode.BAD_JSON, "x"));
        assertThrows(IllegalArgumentException.class, () -> CODEC.encode(invalid, Style.TEXT));
        assertThrows(IllegalArgumentException.class, () -> CODEC.encode(invalid, Style.JSON));
    }
}
