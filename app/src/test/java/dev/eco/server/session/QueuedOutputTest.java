package dev.eco.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.chat.ChatLimits;
import dev.eco.protocol.Codec;
import dev.eco.protocol.LineEnd;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The room queue's output: an echo is bounded like every other frame, and says when it does not fit. */
class QueuedOutputTest {

    @Test
    void anEchoThatDoesNotFitTheQueueSaysSo() throws Exception {
        FakeConnection connection = new FakeConnection().stallWrites();
        QueuedOutput output = new QueuedOutput(
                connection, new Codec(), ChatLimits.DEFAULT.withPending(2, 1 << 20), () -> {}, Framing.LINES);
        byte[] line = "echo me".getBytes(StandardCharsets.UTF_8);
        assertTrue(output.echo(line, 0, line.length, LineEnd.LF));
        assertTrue(connection.writing.await(10, TimeUnit.SECONDS), "the writer took the first and is blocked");
        assertTrue(output.echo(line, 0, line.length, LineEnd.LF));
        assertTrue(output.echo(line, 0, line.length, LineEnd.CRLF));
        assertFalse(
                output.echo(line, 0, line.length, LineEnd.LF),
                "a third echo waiting is over the bound of 2: the caller must treat the client as a slow consumer");
        connection.releaseWrites();
        assertTrue(output.finish(Duration.ofSeconds(10)));
        assertEquals("echo me\necho me\necho me\r\n", connection.written());
    }
}
