package dev.eco.bench;

/**
 * How one message and its echo look on a TCP stream: as they are ({@link Payload}: a line, or raw bytes), or
 * each in a WebSocket frame ({@link WsFrames}).
 */
interface StreamFormat {

    /** Bytes sent per message. */
    int sentSize();

    /** Bytes of each reply. */
    int replySize();

    /** Writes message {@code seq} of connection {@code conn} at {@code dst[pos]}; {@code id} is scratch space. */
    void write(byte[] dst, int pos, int conn, long seq, byte[] id);

    /** The expected byte at {@code offset} of the reply to the message whose identity is in {@code id}. */
    byte expected(byte[] id, int offset);
}
