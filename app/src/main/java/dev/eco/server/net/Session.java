package dev.eco.server.net;

import dev.eco.server.ServerMetrics;
import java.io.IOException;

/** What runs on a connection once it is open: the line protocol, or the raw echo. One per connection. */
public interface Session {

    /** Makes the session of a new connection, on that connection's thread. */
    @FunctionalInterface
    interface Factory {
        Session open(Connection connection);
    }

    /** Serves until the connection ends; returns why: {@code QUIT}, {@code PEER}, {@code IDLE_TIMEOUT}, {@code SHUTDOWN}. */
    ServerMetrics.Close serve() throws IOException;

    /** What went through the connection, for its closing log line. */
    String counts();
}
