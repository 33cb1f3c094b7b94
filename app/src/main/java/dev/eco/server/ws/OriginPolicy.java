package dev.eco.server.ws;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web pages may open a WebSocket to eco (against cross-site WebSocket hijacking: a browser sends cookies
 * and the user's network position along with any page's upgrade, and says which page asked in {@code Origin}).
 * Always allowed: a client that sends no {@code Origin} (not a browser: it cannot be made to act for a user),
 * and eco's own page, whose origin is the scheme of the listener and the {@code Host} the request names. Then
 * the origins of {@code --ws-origins}, or any with {@code *}.
 */
final class OriginPolicy {

    /** The {@code --ws-origins} value that allows every origin. */
    static final String ANY = "*";

    private final boolean any;
    private final Set<String> allowed;

    OriginPolicy(List<String> origins) {
        this.any = origins.contains(ANY);
        this.allowed = origins.stream().map(o -> o.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Whether a request with this {@code Origin} (null when absent) and {@code Host} may upgrade, on a listener
     * that is TLS ({@code secure}) or not.
     */
    boolean allows(String origin, String host, boolean secure) {
        if (origin == null || any) {
            return true;
        }
        String o = origin.toLowerCase(Locale.ROOT);
        return allowed.contains(o)
                || (host != null && o.equals((secure ? "https://" : "http://") + host.toLowerCase(Locale.ROOT)));
    }
}
