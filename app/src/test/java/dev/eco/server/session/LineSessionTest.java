package dev.eco.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.chat.ChatLimits;
import dev.eco.chat.LocalRooms;
import dev.eco.protocol.Codec;
import dev.eco.server.ExpectedLog;
import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.net.Timeouts;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The line session on a connection without a socket: outputs around rooms, and what happens after quit. */
class LineSessionTest {

    /**
     * A queue of two frames: room for {@code joined} and {@code left} however slowly the writer drains it, while
     * the fifty pipelined echoes, had they gone through it, would overflow it and make a slow consumer.
     */
    private static final ChatLimits TINY_QUEUE =
            ChatLimits.DEFAULT.withPending(2, 1 << 20).withRate(0, 1);

    private static final int LINES = 50;

    private final Codec codec = new Codec();
    private final LocalRooms rooms = new LocalRooms(codec, TINY_QUEUE);

    private LineSessions sessions(SessionMember.Queues queues) {
        return new LineSessions(
                codec,
                new Dispatcher(codec, TINY_QUEUE.rateLimit()),
                rooms,
                TINY_QUEUE,
                null,
                new Timeouts(Duration.ofMinutes(5), Duration.ZERO, Duration.ZERO),
                queues);
    }

    private static String[] numbered(int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add("line " + i);
        }
        return lines.toArray(String[]::new);
    }

    private static String expectedEchoes(int count) {
        StringBuilder text = new StringBuilder();
        for (String line : numbered(count)) {
            text.append(line).append('\n');
        }
        return text.toString();
    }

    @Test
    void aFailedJoinLeavesTheConnectionOnTheDirectOutputUnboundedByTheRoomQueue() throws Exception {
        FakeConnection connection =
                new FakeConnection().read("/join not a room!").read(numbered(LINES));
        LineSession session = (LineSession) sessions(QueuedOutput::new).open(connection);

        assertEquals(Close.PEER, session.serve());

        assertNull(connection.endedBy(), "the echo connection was cut off as " + connection.endedBy());
        assertFalse(connection.isClosed());
        assertFalse(session.isQueued());
        assertEquals(
                "error: bad_name: a room name must be 1 to 32 letters, digits, '_', '-' or '.'\n"
                        + expectedEchoes(LINES),
                connection.written());
    }

    @Test
    void afterLeaveTheEchoIsDirectAgain() throws Exception {
        FakeConnection connection =
                new FakeConnection().read("/join lobby").read("/leave").read(numbered(LINES));
        LineSession session = (LineSession) sessions(QueuedOutput::new).open(connection);

        assertEquals(Close.PEER, session.serve());

        assertNull(connection.endedBy(), "the echo connection was cut off as " + connection.endedBy());
        assertEquals("joined lobby, members: guest-1\nleft lobby\n" + expectedEchoes(LINES), connection.written());
        assertEquals(0, rooms.memberCount());
    }

    @Test
    void whenTheRoomQueueCannotBeOpenedTheConnectionNeverJoins() throws Exception {
        FakeConnection connection = new FakeConnection().read("/join lobby");
        LineSession session = (LineSession) sessions((c, codec, limits, onFailure, framing) -> {
                    throw new IllegalStateException("no thread for the writer");
                })
                .open(connection);

        try (ExpectedLog.Expected warned = ExpectedLog.expect("cannot open its room queue")) {
            assertThrows(IOException.class, session::serve, "the connection was closed by force");
            assertTrue(
                    warned.await()
                            .contains(" WARN  [main] tcp 127.0.0.1:1: cannot open its room queue: "
                                    + "java.lang.IllegalStateException: no thread for the writer"),
                    warned.lines().toString());
        }

        assertEquals(0, rooms.memberCount(), "a member was added to the room without its queue");
        assertEquals(0, rooms.roomCount());
        assertTrue(connection.isClosed());
    }

    @Test
    void framesAfterQuitAreNeitherAnsweredNorCounted() throws Exception {
        FakeConnection connection = new FakeConnection().read("one", "quit", "two", "/ping", "{bad json");
        LineSession session = (LineSession) sessions(QueuedOutput::new).open(connection);

        assertEquals(Close.QUIT, session.serve());

        assertEquals("one\nbye\n", connection.written());
        assertEquals("frames in 2 out 2", session.counts());
    }

    @Test
    void textThatMissesTheFastPathIsEchoedAsItsOwnBytes() throws Exception {
        FakeConnection connection = new FakeConnection().read("  leading blanks", "ünïcödé first", "\tquitting? no");
        LineSession session = (LineSession) sessions(QueuedOutput::new).open(connection);

        session.serve();

        assertEquals("  leading blanks\nünïcödé first\n\tquitting? no\n", connection.written());
    }
}
