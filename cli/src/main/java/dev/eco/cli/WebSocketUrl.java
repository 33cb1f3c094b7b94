package dev.eco.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** A WebSocket server given as a URL, {@code ws://HOST:PORT/} or {@code wss://HOST:PORT/}, to the clients. */
final class WebSocketUrl {

    private WebSocketUrl() {}

    /** Whether an operand is meant as a WebSocket URL rather than an address. */
    static boolean looksLike(String operand) {
        String lower = operand.toLowerCase(Locale.ROOT);
        return lower.startsWith("ws://") || lower.startsWith("wss://");
    }

    /** Whether it is {@code wss://}. */
    static boolean secure(URI url) {
        return url.getScheme().equalsIgnoreCase("wss");
    }

    /** The URL, checked: a host, no user name or password, no fragment; the path {@code /} when none. */
    static URI parse(String operand, CommandLine cli) {
        try {
            URI url = new URI(operand);
            if (url.getHost() == null || url.getRawUserInfo() != null || url.getRawFragment() != null) {
                throw new URISyntaxException(operand, "a host and nothing else");
            }
            String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
            return new URI(url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getRawAuthority() + path
                    + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
        } catch (URISyntaxException e) {
            throw new ParameterException(
                    cli, "'" + operand + "' is not a WebSocket URL: use ws://HOST:PORT/ or wss://HOST:PORT/");
        }
    }
}
