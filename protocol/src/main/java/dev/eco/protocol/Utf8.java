package dev.eco.protocol;

/**
 * Strict UTF-8 validation (RFC 3629): rejects overlong forms, surrogates, code points above U+10FFFF,
 * lone continuation bytes and truncated sequences, which {@code new String(bytes, UTF_8)} would silently
 * replace. ASCII, the common case, costs one comparison per byte.
 */
final class Utf8 {

    private Utf8() {}

    static boolean isValid(byte[] buf, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            int b = buf[i];
            if (b >= 0) {
                i++;
                continue;
            }
            int lead = b & 0xFF;
            int need;
            int min;
            if (lead >= 0xC2 && lead <= 0xDF) {
                need = 1;
                min = 0x80;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                need = 2;
                min = 0x800;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                need = 3;
                min = 0x10000;
            } else {
                return false; // a continuation byte, C0/C1 (always overlong) or F5..FF
            }
            if (i + need >= end) {
                return false; // truncated
            }
            int cp = lead & (0x3F >> need);
            for (int k = 1; k <= need; k++) {
                int c = buf[i + k] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    return false;
                }
                cp = (cp << 6) | (c & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return false;
            }
            i += need + 1;
        }
        return true;
    }
}
