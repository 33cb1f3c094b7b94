package dev.eco.protocol;

/** How a frame was terminated; a reply ends the same way, so that telnet (CRLF) and nc (LF) both show it well. */
public enum LineEnd {
    LF("\n"),
    CRLF("\r\n");

    private final byte[] bytes;

    LineEnd(String terminator) {
        this.bytes = terminator.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** The terminator's bytes; callers must not modify the array. */
    byte[] bytes() {
        return bytes;
    }

    /** Appends the terminator to {@code out}. */
    public void writeTo(java.io.ByteArrayOutputStream out) {
        out.write(bytes, 0, bytes.length);
    }

    public String text() {
        return this == LF ? "\n" : "\r\n";
    }
}
