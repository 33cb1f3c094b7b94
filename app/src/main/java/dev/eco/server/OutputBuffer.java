package dev.eco.server;

import java.io.ByteArrayOutputStream;

/** A byte array output stream whose bytes can be written out without the copy {@link #toByteArray()} makes. */
final class OutputBuffer extends ByteArrayOutputStream {

    OutputBuffer(int size) {
        super(size);
    }

    /** The internal array; its first {@link #size()} bytes are the content. Valid until the next write. */
    byte[] array() {
        return buf;
    }
}
