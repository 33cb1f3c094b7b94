package dev.eco.nats;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The NATS servers a node may connect to, and how it logs in. A URL's user-info ({@code nats://TOKEN@host} or
 * {@code nats://user:password@host}) is taken out of the URL into {@link #credentials()}: jnats then sends it to
 * every server of the cluster, including the ones it learns by itself, and the URLs eco shows (logs, errors)
 * carry no secret, because jnats repeats a URL's user-info wherever it names a server.
 *
 * @param urls        each {@code scheme://host[:port]}, without user-info; jnats tries them in random order and
 *                    learns the cluster's other servers from the one it reaches
 * @param credentials how to log in, the same for every server
 */
public record NatsServers(List<URI> urls, NatsCredentials credentials) {

    private static final Set<String> SCHEMES = Set.of("nats", "tls", "opentls", "ws", "wss");
    /** An optional scheme, then anything up to an '@' that is not a separator: a URL's user-info, with or without scheme. */
    private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)?[^\\s@,\\[\\]()]*@");

    public NatsServers {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("the NATS url is missing (e.g. nats://127.0.0.1:4222)");
        }
        for (URI url : urls) {
            if (url.getRawUserInfo() != null) {
                throw new IllegalArgumentException("NATS URLs are kept without their user-info");
            }
        }
    }

    /**
     * One or more URLs separated by commas, e.g. {@code nats://a:4222,nats://b:4222}. User-info moves into the
     * credentials (percent-decoded); it must then be the same in every URL that has one.
     *
     * @throws IllegalArgumentException with a sentence that shows the URL without its user-info
     */
    public static NatsServers parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            throw new IllegalArgumentException("the NATS url is missing (e.g. nats://127.0.0.1:4222)");
        }
        List<URI> urls = new ArrayList<>();
        String userInfo = null;
        for (String part : commaSeparated.split(",", -1)) {
            String text = part.strip();
            URI url = uri(text);
            if (url.getRawUserInfo() != null) {
                if (userInfo != null && !userInfo.equals(url.getRawUserInfo())) {
                    throw new IllegalArgumentException("the NATS URLs carry different user-info: give the"
                            + " credentials once, in every URL alike or with the credential options");
                }
                userInfo = url.getRawUserInfo();
            }
            urls.add(withoutUserInfo(url));
        }
        return new NatsServers(urls, userInfo == null ? NatsCredentials.NONE : fromUserInfo(userInfo));
    }

    /** The same servers with these credentials; refused when a URL already gave some. */
    public NatsServers withCredentials(NatsCredentials given) {
        if (!(credentials instanceof NatsCredentials.None) && !(given instanceof NatsCredentials.None)) {
            throw new IllegalArgumentException(
                    "the NATS credentials are given twice: in the URL and by an option; keep one");
        }
        return new NatsServers(urls, given instanceof NatsCredentials.None ? credentials : given);
    }

    /** The URLs as eco shows them, e.g. {@code nats://a:4222,nats://b:4222}. */
    public String shown() {
        return String.join(",", urls.stream().map(URI::toString).toList());
    }

    String[] forJnats() {
        return urls.stream().map(URI::toString).toArray(String[]::new);
    }

    /** A text that may hold user-info, made fit for a log line or an error: {@code nats://eco:x@h} becomes {@code nats://h}. */
    public static String hideUserInfo(String text) {
        return text == null ? null : USER_INFO.matcher(text).replaceAll("$1");
    }

    private static URI uri(String text) {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "not a NATS URL: " + hideUserInfo(text) + " (e.g. nats://127.0.0.1:4222)");
        }
        if (url.getScheme() == null || !SCHEMES.contains(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("not a NATS URL: " + hideUserInfo(text)
                    + " (scheme nats, tls, ws or wss, then a host, e.g. nats://127.0.0.1:4222)");
        }
        if ((url.getRawPath() != null
                        && !url.getRawPath().isEmpty()
                        && !url.getRawPath().equals("/"))
                || url.getRawQuery() != null
                || url.getRawFragment() != null) {
            throw new IllegalArgumentException("a NATS URL is scheme://host:port only, not " + hideUserInfo(text));
        }
        return url;
    }

    private static URI withoutUserInfo(URI url) {
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a NATS URL: " + url.getScheme() + "://" + url.getHost(), e);
        }
    }

    private static NatsCredentials fromUserInfo(String raw) {
        int colon = raw.indexOf(':');
        if (colon < 0) {
            return new NatsCredentials.Token(decode(raw));
        }
        return new NatsCredentials.UserPassword(decode(raw.substring(0, colon)), decode(raw.substring(colon + 1)));
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) { // its message would quote the secret
            throw new IllegalArgumentException("the user-info of a NATS URL has a bad %-escape");
        }
    }
}
