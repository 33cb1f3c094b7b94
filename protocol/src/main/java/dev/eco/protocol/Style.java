package dev.eco.protocol;

/**
 * How to write a reply: as a text line or a JSON object, ended like the frame it answers.
 * Notices the server sends on its own use the style of the client's last frame, {@link #TEXT} before any.
 */
public record Style(Format format, LineEnd lineEnd) {

    public enum Format {
        TEXT,
        JSON
    }

    public static final Style TEXT = new Style(Format.TEXT, LineEnd.LF);
    public static final Style JSON = new Style(Format.JSON, LineEnd.LF);
    private static final Style TEXT_CRLF = new Style(Format.TEXT, LineEnd.CRLF);
    private static final Style JSON_CRLF = new Style(Format.JSON, LineEnd.CRLF);

    /** The style of that format and line end, without allocating: decoding makes one per frame. */
    public static Style of(Format format, LineEnd end) {
        return switch (format) {
            case TEXT -> end == LineEnd.LF ? TEXT : TEXT_CRLF;
            case JSON -> end == LineEnd.LF ? JSON : JSON_CRLF;
        };
    }

    /** The text style with this line end, without allocating. */
    public static Style text(LineEnd end) {
        return end == LineEnd.LF ? TEXT : TEXT_CRLF;
    }

    public Style {
        java.util.Objects.requireNonNull(format, "format");
        java.util.Objects.requireNonNull(lineEnd, "lineEnd");
    }

    public boolean isJson() {
        return format == Format.JSON;
    }
}
