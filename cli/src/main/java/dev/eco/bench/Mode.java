package dev.eco.bench;

/** What the generator speaks to the server. */
public enum Mode {
    /** Line echo: each message ends with LF and the server returns each line as it was sent. */
    TCP,
    /** RFC 862 over TCP: bytes with no framing, returned as they came. */
    RAW,
    /** RFC 862 over UDP: each datagram returned as it came. */
    UDP,
    /** WebSocket echo: after the HTTP upgrade, each message one masked text frame, returned in one frame. */
    WS;

    boolean lineEnded() {
        return this == TCP;
    }

    boolean datagrams() {
        return this == UDP;
    }
}
