package dev.eco.protocol.ws;

/**
 * Strict UTF-8 validation fed piece by piece (RFC 3629, the well-formed sequences of Unicode's table 3-7): a
 * character may be split across fragments and reads, and an invalid byte is found as soon as it arrives,
 * without keeping any of the bytes. Rejects overlong forms, surrogates, code points above U+10FFFF, lone
 * continuation bytes and (at {@link #complete()}) a sequence cut short. ASCII costs one comparison per byte.
 */
public final class Utf8Validator {

    /** Continuation bytes still expected for the character in progress. */
    private int need;
    /** The range the next continuation byte must be in: narrower than 80..BF right after some lead bytes. */
    private int lower = 0x80;

    private int upper = 0xBF;
    private boolean failed;

    /** Feeds {@code buf[off, off+len)}; false when the bytes so far cannot be UTF-8 (and from then on). */
    public boolean feed(byte[] buf, int off, int len) {
        if (failed) {
            return false;
        }
        int end = off + len;
        for (int i = off; i < end; i++) {
            int b = buf[i];
            if (need == 0) {
                if (b >= 0) {
                    continue;
                }
                if (!lead(b & 0xFF)) {
                    failed = true;
                    return false;
                }
            } else {
                int c = b & 0xFF;
                if (c < lower || c > upper) {
                    failed = true;
                    return false;
                }
                lower = 0x80;
                upper = 0xBF;
                need--;
            }
        }
        return true;
    }

    /** Whether everything fed was valid and ended on a character boundary. */
    public boolean complete() {
        return !failed && need == 0;
    }

    /** Forgets what was fed, for the next message. */
    public void reset() {
        need = 0;
        lower = 0x80;
        upper = 0xBF;
        failed = false;
    }

    /** Whether {@code buf[off, off+len)} is, on its own, valid UTF-8. */
    public static boolean isValid(byte[] buf, int off, int len) {
        Utf8Validator v = new Utf8Validator();
        return v.feed(buf, off, len) && v.complete();
    }

    /** A lead byte: how many continuation bytes follow, and the range of the first one. */
    private boolean lead(int b) {
        if (b >= 0xC2 && b <= 0xDF) {
            expect(1, 0x80, 0xBF);
        } else if (b == 0xE0) {
            expect(2, 0xA0, 0xBF); // below A0 would be overlong
        } else if (b == 0xED) {
            expect(2, 0x80, 0x9F); // above 9F would be a surrogate
        } else if (b >= 0xE1 && b <= 0xEF) {
            expect(2, 0x80, 0xBF);
        } else if (b == 0xF0) {
            expect(3, 0x90, 0xBF); // below 90 would be overlong
        } else if (b >= 0xF1 && b <= 0xF3) {
            expect(3, 0x80, 0xBF);
        } else if (b == 0xF4) {
            expect(3, 0x80, 0x8F); // above 8F would be beyond U+10FFFF
        } else {
            return false; // a continuation byte, C0/C1 (always overlong) or F5..FF
        }
        return true;
    }

    private void expect(int count, int low, int high) {
        need = count;
        lower = low;
        upper = high;
    }
}
