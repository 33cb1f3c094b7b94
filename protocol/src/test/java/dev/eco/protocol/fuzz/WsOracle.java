package dev.eco.protocol.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A plain reading of RFC 6455's rules for what a server receives, frame by frame with every frame's fields
 * known (no incremental parsing): what the decoder must report for those frames, of which the first
 * {@code present} bytes arrived. UTF-8 is judged by the JDK's strict decoder. Events are strings, as {@link
 * WsLog} writes them.
 */
final class WsOracle {

    private static final int TEXT = 1;

    private WsOracle() {}

    static List<String> events(List<WsFrameSpec> frames, int present, int max) {
        List<String> out = new ArrayList<>();
        ByteArrayOutputStream message = null;
        int messageOpcode = 0;
        int at = 0;
        for (WsFrameSpec f : frames) {
            int size = f.bytes().length;
            int have = Math.min(size, present - at);
            at += size;
            if (have < 2) {
                return out;
            }
            String broken = firstTwoBytes(f, message != null);
            if (broken != null) {
                out.add("fail 1002");
                return out;
            }
            if (have < f.headerLength()) {
                return out;
            }
            if (f.lengthForm() == 3) {
                out.add("fail 1002"); // a length beyond 63 bits
                return out;
            }
            byte[] payload = Arrays.copyOf(f.payload(), have - f.headerLength());
            boolean complete = have == size;
            if (f.isControl()) {
                if (!complete) {
                    return out;
                }
                if (f.opcode() == 8) {
                    out.add(close(payload));
                    return out;
                }
                out.add((f.opcode() == 9 ? "ping " : "pong ") + hex(payload));
                continue;
            }
            if (f.opcode() != 0) {
                message = new ByteArrayOutputStream();
                messageOpcode = f.opcode();
            }
            message.writeBytes(payload);
            if (messageOpcode == TEXT && !completable(message.toByteArray())) {
                out.add("fail 1007");
                return out;
            }
            if (!complete || !f.fin()) {
                if (!complete) {
                    return out;
                }
                continue;
            }
            byte[] whole = message.toByteArray();
            if (messageOpcode == TEXT && !valid(whole)) {
                out.add("fail 1007");
                return out;
            }
            out.add(
                    whole.length > max
                            ? "tooLong " + messageOpcode + " " + hex(Arrays.copyOf(whole, Math.min(64, whole.length)))
                            : (messageOpcode == TEXT ? "text " : "binary ") + hex(whole));
            message = null;
        }
        return out;
    }

    /** Why the first two bytes alone break the protocol, or null. */
    private static String firstTwoBytes(WsFrameSpec f, boolean inMessage) {
        int op = f.opcode();
        if (f.rsv() != 0) {
            return "reserved bits";
        }
        if (!f.masked()) {
            return "unmasked";
        }
        if (!(op <= 2 || (op >= 8 && op <= 10))) {
            return "reserved opcode";
        }
        if (f.isControl()) {
            // a control frame's length is always in its 7-bit field: 125 at most, never in 16 or 64 bits
            return !f.fin()
                    ? "fragmented control"
                    : f.lengthForm() != 0 || f.payload().length > 125 ? "long control" : null;
        }
        if (op == 0 && !inMessage) {
            return "continuation of nothing";
        }
        return op != 0 && inMessage ? "message inside a message" : null;
    }

    private static String close(byte[] payload) {
        if (payload.length == 0) {
            return "close 1005 ";
        }
        if (payload.length == 1) {
            return "fail 1002";
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        boolean allowed =
                (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code < 5000);
        if (!allowed) {
            return "fail 1002";
        }
        byte[] reason = Arrays.copyOfRange(payload, 2, payload.length);
        return valid(reason) ? "close " + code + " " + hex(reason) : "fail 1007";
    }

    /** Whether some ending of at most three more bytes makes these bytes valid UTF-8. */
    private static boolean completable(byte[] prefix) {
        for (int more = 0; more <= 3; more++) {
            for (int fill : new int[] {0x80, 0x90, 0xA0}) {
                byte[] candidate = Arrays.copyOf(prefix, prefix.length + more);
                Arrays.fill(candidate, prefix.length, candidate.length, (byte) fill);
                if (valid(candidate)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean valid(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
