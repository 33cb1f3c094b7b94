package dev.eco.junit;

import dev.eco.server.EcoServer;
import dev.eco.server.testing.Faults;
import dev.eco.server.testing.Recording;
import dev.eco.server.testing.Script;
import java.net.InetSocketAddress;

/**
 * What a test may take as a parameter, by type: the server, its line protocol's address, and its test controls
 * (faults, recording, script).
 */
final class ServerParameters {

    private ServerParameters() {}

    static boolean supports(Class<?> type) {
        return type == EcoServer.class
                || type == InetSocketAddress.class
                || type == Faults.class
                || type == Recording.class
                || type == Script.class;
    }

    static Object resolve(Class<?> type, EcoServer server) {
        if (type == InetSocketAddress.class) {
            return server.tcpAddress();
        }
        if (type == Faults.class) {
            return server.faults();
        }
        if (type == Recording.class) {
            return server.recording();
        }
        if (type == Script.class) {
            return server.script();
        }
        return server;
    }
}
