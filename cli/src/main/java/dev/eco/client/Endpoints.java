package dev.eco.client;

import java.time.Duration;

/** How clients write addresses and durations in what they tell the person. */
public final class Endpoints {

    private Endpoints() {}

    /** {@code 127.0.0.1:9999}, {@code [::1]:9999}, {@code example.org:7}. */
    public static String describe(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code 5s}, {@code 500ms}. */
    public static String describe(Duration duration) {
        long ms = duration.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
