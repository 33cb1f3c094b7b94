package dev.eco.it.support;

import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh eco server on free loopback ports for each test, closed after it:
 * {@code @RegisterExtension final EcoServerExtension eco = new EcoServerExtension();}
 */
public final class EcoServerExtension implements BeforeEachCallback, AfterEachCallback {

    private final ServerConfig config;
    private EcoServer server;

    public EcoServerExtension() {
        this(ServerConfig.forTests());
    }

    public EcoServerExtension(ServerConfig config) {
        this.config = config;
    }

    /** The running server; only during a test. */
    public EcoServer server() {
        if (server == null) {
            throw new IllegalStateException("the server runs only while a test runs");
        }
        return server;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        server = EcoServer.start(config);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            server.close();
        } finally {
            server = null;
        }
    }
}
