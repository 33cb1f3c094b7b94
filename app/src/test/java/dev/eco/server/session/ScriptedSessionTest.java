package dev.eco.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eco.chat.ChatLimits;
import dev.eco.chat.LocalRooms;
import dev.eco.protocol.Codec;
import dev.eco.protocol.LineEnd;
import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.net.Timeouts;
import dev.eco.server.testing.Answer;
import dev.eco.server.testing.FaultPlan;
import dev.eco.server.testing.RecordedFrame;
import dev.eco.server.testing.Script;
import dev.eco.server.testing.Taps;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A line session with a test's script and recording on, without sockets: who answers which frame. */
class ScriptedSessionTest {

    private final Codec codec = new Codec();
    private final LineSessions sessions =
            new LineSessions(codec, new LocalRooms(codec, ChatLimits.DEFAULT), ChatLimits.DEFAULT, null, Timeouts.NONE);
    private final Taps taps = new Taps(FaultPlan.NONE);

    private String serve(FakeConnection connection) throws Exception {
        connection.taps(taps.now());
        sessions.open(connection).serve();
        return connection.written();
    }

    @Test
    void queuedAnswersReplaceTheEchoInOrderThenTheEchoIsBack() throws Exception {
        taps.script().enqueue("+OK").enqueue("250-hello", "250 ok").enqueue(Answer.silence());

        String written = serve(new FakeConnection().read("PING", "EHLO x", "NOOP", "after the script"));

        assertEquals("+OK\n250-hello\n250 ok\nafter the script\n", written);
        assertEquals(0, taps.script().queued());
    }

    @Test
    void commandsKeepEcoAnswersUnlessTheScriptTakesEveryFrame() throws Exception {
        taps.script().respond(frame -> Answer.lines("got " + frame.text()));
        assertEquals("got hi\npong\nbye\n", serve(new FakeConnection().read("hi", "/ping", "quit")));

        taps.script().scope(Script.Scope.EVERY_FRAME);
        assertEquals(
                "got hi\ngot /ping\ngot quit\ngot {\"type\":\"ping\"}\n",
                serve(new FakeConnection().read("hi", "/ping", "quit", "{\"type\":\"ping\"}")));
    }

    @Test
    void anAnswerThatClosesEndsTheConnectionAfterItsLines() throws Exception {
        taps.script()
                .scope(Script.Scope.EVERY_FRAME)
                .enqueue(Answer.lines("221 bye").thenClose());
        FakeConnection connection = new FakeConnection().read("QUIT", "never answered");
        connection.taps(taps.now());

        assertEquals(Close.QUIT, sessions.open(connection).serve());
        assertEquals("221 bye\n", connection.written());
    }

    @Test
    void aResponderSeesTheFrameAndItsConnection() throws Exception {
        taps.script().respond(frame -> {
            assertEquals(1, frame.connection());
            assertEquals(LineEnd.LF, frame.end().orElseThrow());
            return frame.text().equals("echo me")
                    ? null
                    : Answer.lines(frame.text().toUpperCase(java.util.Locale.ROOT));
        });

        assertEquals("ABC\necho me\n", serve(new FakeConnection().read("abc", "echo me")));
    }

    @Test
    void aRecordingKeepsEveryFrameCommandsIncludedAndOnlyTheLastOnes() throws Exception {
        taps.recording().start(3);

        assertEquals("a\nb\npong\nc\n", serve(new FakeConnection().read("a", "b", "/ping", "c")));

        List<RecordedFrame> frames = taps.recording().takeAll();
        assertEquals(
                List.of("b", "/ping", "c"),
                frames.stream().map(RecordedFrame::text).toList());
        assertEquals(1, taps.recording().forgotten());
        assertEquals(1, frames.getFirst().connection());
        assertEquals(
                "nothing more came",
                taps.recording()
                        .takeFrame(Duration.ofMillis(1))
                        .map(RecordedFrame::text)
                        .orElse("nothing more came"));
    }

    @Test
    void takingFramesWithoutARecordingSaysHowToStartOne() {
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> taps.recording().takeFrame(Duration.ZERO));
        assertEquals(
                "recording is off: call recording().start() before the client sends what the test takes",
                e.getMessage());
    }

    @Test
    void aScriptedLineIsOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Answer.lines("two\nlines"));
        assertEquals(
                "a scripted line must be one line (its terminator is added): give two lines as lines(\"a\", \"b\")",
                e.getMessage());
    }
}
