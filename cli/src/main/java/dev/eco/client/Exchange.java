package dev.eco.client;

import java.io.IOException;

/** One-shot request and reply, as {@code eco send} does them: one message out, its whole reply back. */
public sealed interface Exchange extends AutoCloseable permits LineExchange, DatagramExchange, RawExchange, WsExchange {

    /** Sends {@code message} and returns the reply (without terminator), or fails with one sentence. */
    byte[] roundTrip(byte[] message) throws IOException;

    @Override
    void close();
}
