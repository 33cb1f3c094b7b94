package dev.eco.server;

import dev.eco.protocol.Codec;
import dev.eco.protocol.ErrorCode;
import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Style;
import dev.eco.server.ServerMetrics.Refusal;
import dev.eco.server.net.Plural;
import dev.eco.server.ws.WsSessions;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a client refused at a connection limit is told, encoded once at start, one notice per {@link Refusal}: the
 * line listeners send a {@code server_full} error line, the WebSocket listeners an HTTP 503 before any upgrade.
 * Each names the limit the client met.
 *
 * @param lines the line protocol's notices (plain and TLS)
 * @param http  the WebSocket listeners' notices (ws and wss)
 */
record RefusalNotices(Map<Refusal, byte[]> lines, Map<Refusal, byte[]> http) {

    static RefusalNotices of(ServerConfig config, Codec codec) {
        Map<Refusal, byte[]> lines = new EnumMap<>(Refusal.class);
        Map<Refusal, byte[]> http = new EnumMap<>(Refusal.class);
        for (Refusal why : Refusal.values()) {
            String sentence = sentence(why, config);
            lines.put(why, codec.encode(new ErrorReply(ErrorCode.SERVER_FULL, sentence), Style.TEXT));
            http.put(why, WsSessions.serverFull(sentence));
        }
        return new RefusalNotices(lines, http);
    }

    /** What a refused client is told after {@code server_full}: the limit it met. */
    private static String sentence(Refusal why, ServerConfig config) {
        return switch (why) {
            case SERVER_FULL ->
                "the server has its maximum of " + Plural.of(config.maxConnections(), "connection")
                        + "; try again later";
            case ADDRESS_FULL ->
                "the server has its maximum of " + Plural.of(config.maxConnectionsPerAddress(), "connection")
                        + " from your address; try again later";
        };
    }
}
