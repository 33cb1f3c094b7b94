package dev.eco.protocol.fuzz;

import dev.eco.protocol.Codec;
import dev.eco.protocol.Inbound;
import dev.eco.protocol.LineEnd;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Helpers shared by the fuzz targets that decode one frame. */
final class Frames {

    private Frames() {}

    /** The input up to its first LF: a frame as the decoder hands it on never holds one. */
    static byte[] firstLine(byte[] input) {
        for (int i = 0; i < input.length; i++) {
            if (input[i] == '\n') {
                return Arrays.copyOf(input, i);
            }
        }
        return input;
    }

    /**
     * Decodes {@code frame} from inside a larger buffer, {@code offset} bytes in, with garbage around it, the way
     * frames reach the codec from a server's read buffer.
     */
    static Inbound decodeAt(Codec codec, byte[] frame, int offset, LineEnd end) {
        byte[] buf = new byte[offset + frame.length + 5];
        Arrays.fill(buf, (byte) '}');
        System.arraycopy(frame, 0, buf, offset, frame.length);
        return codec.decode(buf, offset, frame.length, end);
    }

    /** The frame as text by the JDK's strict UTF-8 decoder, independent of the codec's validator; null if invalid. */
    static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** docs/protocol.md: a frame is JSON when its first character other than space or tab is '{'. */
    static boolean startsLikeJson(byte[] frame) {
        for (byte b : frame) {
            if (b != ' ' && b != '\t') {
                return b == '{';
            }
        }
        return false;
    }

    /** Whether {@code bytes} is one line: its only LF is the last byte. */
    static boolean isOneLine(byte[] bytes) {
        for (int i = 0; i < bytes.length - 1; i++) {
            if (bytes[i] == '\n') {
                return false;
            }
        }
        return bytes.length > 0 && bytes[bytes.length - 1] == '\n';
    }
}
