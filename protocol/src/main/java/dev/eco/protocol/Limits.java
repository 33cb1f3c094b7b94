package dev.eco.protocol;

/**
 * The protocol's limits, each a defence against a hostile or broken peer.
 *
 * @param maxFrameBytes       longest frame accepted, in bytes, not counting its terminator (default 65,536).
 *                            A longer frame is discarded up to its LF and answered {@code frame_too_long}.
 * @param maxJsonDepth        deepest nesting of objects and arrays in a JSON frame (default 64).
 *                            A deeper frame is answered {@code bad_json}.
 * @param maxJsonNumberLength longest number literal in a JSON frame, in characters (default 256).
 *                            A longer one is answered {@code bad_json}.
 */
public record Limits(int maxFrameBytes, int maxJsonDepth, int maxJsonNumberLength) {

    public static final int DEFAULT_MAX_FRAME_BYTES = 65_536;
    /** The largest frame limit accepted: 16 MiB. A connection may hold one frame in memory. */
    public static final int MAX_FRAME_BYTES_CEILING = 16 * 1024 * 1024;

    public static final int DEFAULT_MAX_JSON_DEPTH = 64;
    public static final int DEFAULT_MAX_JSON_NUMBER_LENGTH = 256;

    public static final Limits DEFAULT =
            new Limits(DEFAULT_MAX_FRAME_BYTES, DEFAULT_MAX_JSON_DEPTH, DEFAULT_MAX_JSON_NUMBER_LENGTH);

    public Limits {
        requirePositive("maxFrameBytes", maxFrameBytes);
        if (maxFrameBytes > MAX_FRAME_BYTES_CEILING) {
            throw new IllegalArgumentException(
                    "the frame limit is at most " + MAX_FRAME_BYTES_CEILING + " bytes, not " + maxFrameBytes);
        }
        requirePositive("maxJsonDepth", maxJsonDepth);
        requirePositive("maxJsonNumberLength", maxJsonNumberLength);
    }

    /** These limits with another frame limit. */
    public Limits withMaxFrameBytes(int bytes) {
        return new Limits(bytes, maxJsonDepth, maxJsonNumberLength);
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + value);
        }
    }
}
