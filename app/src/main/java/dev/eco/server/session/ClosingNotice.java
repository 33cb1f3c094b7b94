package dev.eco.server.session;

import dev.eco.protocol.ErrorCode;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Reply;
import dev.eco.protocol.Message.Shutdown;
import dev.eco.server.ServerMetrics.Close;
import dev.eco.server.net.Timeouts;
import java.time.Duration;
import java.util.Optional;

/** What a line connection is told when the server, not the client, ends it: nothing for any other end. */
final class ClosingNotice {

    private ClosingNotice() {}

    static Optional<Reply> of(Close how, Timeouts timeouts) {
        return switch (how) {
            case IDLE_TIMEOUT ->
                Optional.of(new ErrorReply(
                        ErrorCode.IDLE_TIMEOUT,
                        "nothing sent or received for " + readable(timeouts.idle()) + "; closing"));
            case FRAME_TIMEOUT ->
                Optional.of(new ErrorReply(
                        ErrorCode.FRAME_TIMEOUT,
                        "a frame must end (LF) within " + readable(timeouts.frame()) + " of its first byte; closing"));
            case SHUTDOWN -> Optional.of(new Shutdown());
            default -> Optional.empty();
        };
    }

    /** A duration as the user set it (500 ms, 30 s, 5 min): a sub-second timeout must not read "0 s". */
    static String readable(Duration duration) {
        long millis = duration.toMillis();
        return millis % 60_000 == 0
                ? millis / 60_000 + " min"
                : millis % 1_000 == 0 ? millis / 1_000 + " s" : millis + " ms";
    }
}
