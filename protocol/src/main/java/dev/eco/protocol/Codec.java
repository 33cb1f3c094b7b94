package dev.eco.protocol;

import dev.eco.protocol.Message.ErrorReply;
import dev.eco.protocol.Message.Invalid;
import dev.eco.protocol.Message.Reply;
import dev.eco.protocol.Message.Request;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns frames into requests and messages into bytes, in either style. Thread-safe and meant to be shared:
 * one per server or client.
 */
public final class Codec {

    private final Limits limits;
    private final JsonMapper mapper;
    private final JsonRequests jsonRequests;
    private final JsonReplies jsonReplies;

    public Codec(Limits limits) {
        this.limits = limits;
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxJsonDepth())
                .maxNumberLength(limits.maxJsonNumberLength())
                .maxStringLength(limits.maxFrameBytes())
                .maxNameLength(limits.maxFrameBytes())
                .maxDocumentLength(limits.maxFrameBytes())
                .build();
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(constraints)
                // Jackson's buffers are otherwise cached per thread, which virtual threads defeat.
                .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                .build();
        this.mapper = JsonMapper.builder(factory).build();
        this.jsonRequests = new JsonRequests(mapper);
        this.jsonReplies = new JsonReplies(mapper);
    }

    public Codec() {
        this(Limits.DEFAULT);
    }

    public Limits limits() {
        return limits;
    }

    /** A new frame decoder with this codec's frame limit, for one connection. */
    public FrameDecoder newFrameDecoder() {
        return new FrameDecoder(limits.maxFrameBytes());
    }

    /** Decodes one frame (without its terminator). Never throws for bad input: that becomes {@link Invalid}. */
    public Inbound decode(byte[] buf, int off, int len, LineEnd end) {
        boolean json = looksLikeJson(buf, off, len);
        Style style = Style.of(json ? Style.Format.JSON : Style.Format.TEXT, end);
        if (!Utf8.isValid(buf, off, len)) {
            return new Inbound(new Invalid(new ErrorReply(ErrorCode.BAD_UTF8, "the frame is not valid UTF-8")), style);
        }
        Request request = json
                ? jsonRequests.parse(buf, off, len)
                : TextCommands.parse(new String(buf, off, len, StandardCharsets.UTF_8));
        return new Inbound(request, style);
    }

    /**
     * Whether {@link #decode} would make this frame a {@code Text} that is echoed exactly: then a server may
     * write the frame's bytes back without decoding them. True only when the first byte is printable ASCII
     * that starts no command and no JSON (not {@code /}, {@code q}, {@code Q} or <code>{</code>) and the
     * frame is valid UTF-8; for anything else it says false and {@link #decode} decides.
     */
    public boolean echoesAsIs(byte[] buf, int off, int len) {
        if (len == 0) {
            return false;
        }
        byte first = buf[off];
        return first > ' '
                && first < 0x7F
                && first != '/'
                && first != 'q'
                && first != 'Q'
                && first != '{'
                && Utf8.isValid(buf, off, len);
    }

    /** Convenience for tests and clients: decodes one frame given as a string. */
    public Inbound decode(String frame, LineEnd end) {
        byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        return decode(bytes, 0, bytes.length, end);
    }

    /**
     * For clients: the reply a JSON line from an eco server holds, so that it can be shown in another style; null
     * when the line is not one (text, another server's JSON, a request echoed back by a plain echo server).
     */
    public Reply decodeReply(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return looksLikeJson(bytes, 0, bytes.length) ? jsonReplies.parse(bytes) : null;
    }

    /** The answer to a frame the decoder discarded as too long, styled after its first bytes. */
    public Inbound tooLong(byte[] head, int off, int len, LineEnd end) {
        Style style = Style.of(looksLikeJson(head, off, len) ? Style.Format.JSON : Style.Format.TEXT, end);
        String sentence = "a frame longer than " + limits.maxFrameBytes() + " bytes was discarded";
        return new Inbound(new Invalid(new ErrorReply(ErrorCode.FRAME_TOO_LONG, sentence)), style);
    }

    /**
     * Appends {@code reply}, with its terminator, to {@code out}: an in-memory stream (an {@link IOException}
     * from it is rethrown unchecked).
     */
    public void encode(Reply reply, Style style, OutputStream out) {
        try {
            if (style.isJson()) {
                try (JsonGenerator json = mapper.createGenerator(out)) {
                    ReplyJson.write(reply, json);
                }
            } else {
                out.write(ReplyText.of(reply, mapper).getBytes(StandardCharsets.UTF_8));
            }
            style.lineEnd().writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] encode(Reply reply, Style style) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        encode(reply, style, out);
        return out.toByteArray();
    }

    /** A request as a client sends it, with its terminator. {@link Invalid} cannot be sent. */
    public byte[] encode(Request request, Style style) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        if (style.isJson()) {
            try (JsonGenerator json = mapper.createGenerator(out)) {
                RequestJson.write(request, json);
            }
        } else {
            out.writeBytes(RequestText.of(request).getBytes(StandardCharsets.UTF_8));
        }
        style.lineEnd().writeTo(out);
        return out.toByteArray();
    }

    /** Writes a JSON string value with proper escaping; for callers that build JSON by hand. */
    public String quote(String text) {
        return mapper.writeValueAsString(text);
    }

    static void writeRaw(JsonGenerator json, String name, RawJson value) {
        if (value != null) {
            json.writeName(name);
            json.writeRawValue(value.json());
        }
    }

    /** A frame is JSON when its first byte other than space or tab is '{'. */
    private static boolean looksLikeJson(byte[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t') {
                return b == '{';
            }
        }
        return false;
    }
}
