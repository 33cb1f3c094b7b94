package dev.eco.it.support;

import io.nats.client.Connection;
import io.nats.client.Nats;
import java.io.IOException;

/**
 * A test's own connection to NATS, to look at what eco wrote (or to pull the rug from under it). Its
 * {@link #close()} keeps an interrupt instead of throwing it, so it fits a try-with-resources.
 */
public final class NatsWatcher implements AutoCloseable {

    private final Connection connection;

    private NatsWatcher(Connection connection) {
        this.connection = connection;
    }

    public static NatsWatcher connect(String url) throws IOException, InterruptedException {
        return new NatsWatcher(Nats.connect(url));
    }

    public Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
