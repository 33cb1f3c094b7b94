package dev.eco.bench;

/**
 * The bytes of message number {@code seq} on connection {@code conn}: printable, and unique per connection
 * for 56 billion messages when the message has room for the 10-character identity (6 base-62 digits of the
 * sequence number, then 4 of the connection number). A reordered, repeated or foreign reply therefore differs
 * from the expected one. The rest is a fixed pattern of letters; a TCP line message ends with LF.
 */
final class Payload implements StreamFormat {

    private static final byte[] DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final int ID_CHARS = 10;
    private static final int SEQ_CHARS = 6;

    private final byte[] template;
    private final int idLength;

    Payload(int size, boolean lineEnded) {
        template = new byte[size];
        for (int i = 0; i < size; i++) {
            template[i] = (byte) ('a' + i % 26);
        }
        if (lineEnded) {
            template[size - 1] = '\n';
        }
        idLength = Math.min(ID_CHARS, size - (lineEnded ? 1 : 0));
    }

    int size() {
        return template.length;
    }

    @Override
    public int sentSize() {
        return template.length;
    }

    @Override
    public int replySize() {
        return template.length;
    }

    /** Writes the identity characters of a message into {@code id[0..ID_CHARS)}. */
    void id(int conn, long seq, byte[] id) {
        long s = seq;
        for (int i = 0; i < SEQ_CHARS; i++) {
            id[i] = DIGITS[(int) (s % 62)];
            s /= 62;
        }
        int c = conn;
        for (int i = SEQ_CHARS; i < ID_CHARS; i++) {
            id[i] = DIGITS[c % 62];
            c /= 62;
        }
    }

    /** Writes the whole message at {@code dst[pos..pos+size)}; {@code id} is scratch space. */
    @Override
    public void write(byte[] dst, int pos, int conn, long seq, byte[] id) {
        System.arraycopy(template, 0, dst, pos, template.length);
        id(conn, seq, id);
        System.arraycopy(id, 0, dst, pos, idLength);
    }

    /** The expected byte at {@code offset} of a message whose identity is in {@code id}. */
    @Override
    public byte expected(byte[] id, int offset) {
        return offset < idLength ? id[offset] : template[offset];
    }

    /** Whether {@code buf[pos..pos+len)} is exactly the message whose identity is in {@code id}. */
    boolean matches(byte[] buf, int pos, int len, byte[] id) {
        if (len != template.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (buf[pos + i] != expected(id, i)) {
                return false;
            }
        }
        return true;
    }
}
