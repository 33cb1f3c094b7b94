package dev.eco.server.ws;

import dev.eco.server.net.Connection;
import dev.eco.server.net.Session;
import dev.eco.server.session.LineSessions;
import java.util.List;

/**
 * Makes the session of each connection to a WebSocket listener, with what they share: the line protocol's
 * settings (codec, dispatcher, rooms), the origins allowed, the chat page, and whether the listener is TLS.
 */
public final class WsSessions implements Session.Factory {

    private final LineSessions lines;
    private final OriginPolicy origins;
    private final ChatPage page;
    private final boolean secure;

    /**
     * {@code origins}: besides eco's own page and clients that send no Origin, the origins whose pages may
     * connect ({@code *} for any); {@code secure}: whether the listener is TLS ({@code wss://}).
     */
    public WsSessions(LineSessions lines, List<String> origins, boolean secure) {
        this.lines = lines;
        this.origins = new OriginPolicy(origins);
        this.page = ChatPage.load();
        this.secure = secure;
    }

    /** What a connection over a connection limit is told before it is closed: 503, before any upgrade. */
    public static byte[] serverFull(String sentence) {
        return HttpResponse.error(503, "Service Unavailable", "error: server_full: " + sentence, "Retry-After: 5");
    }

    @Override
    public Session open(Connection connection) {
        return new WsSession(connection, this);
    }

    LineSessions lines() {
        return lines;
    }

    OriginPolicy origins() {
        return origins;
    }

    ChatPage page() {
        return page;
    }

    boolean secure() {
        return secure;
    }
}
