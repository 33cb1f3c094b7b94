package dev.eco.server.ws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The chat page, {@code chat.html} beside this class: one file with its script and style inline, nothing
 * fetched from elsewhere. Its Content-Security-Policy allows exactly that script and that style (by their
 * SHA-256) and connections back to its own origin, so that even a message shown as HTML by mistake could run
 * nothing.
 */
final class ChatPage {

    private static final String RESOURCE = "chat.html";

    private final byte[] html;
    private final String policy;

    private ChatPage(byte[] html, String policy) {
        this.html = html;
        this.policy = policy;
    }

    /** The page as packaged with eco. */
    static ChatPage load() {
        try (InputStream in = ChatPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from eco's jar");
            }
            byte[] html = in.readAllBytes();
            String text = new String(html, StandardCharsets.UTF_8);
            String policy = "default-src 'none'; script-src " + hash(inside(text, "script")) + "; style-src "
                    + hash(inside(text, "style")) + "; connect-src 'self'; img-src data:; base-uri 'none';"
                    + " form-action 'none'; frame-ancestors 'none'";
            return new ChatPage(html, policy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The answer to {@code GET /} ({@code withBody}) or {@code HEAD /}. */
    byte[] response(boolean withBody) {
        return HttpResponse.with(
                200,
                "OK",
                "text/html; charset=utf-8",
                html,
                withBody,
                "Content-Security-Policy: " + policy,
                "Referrer-Policy: no-referrer");
    }

    String policy() {
        return policy;
    }

    /** The text between {@code <tag>} and {@code </tag>}: the page has one script and one style. */
    private static String inside(String html, String tag) {
        int start = html.indexOf("<" + tag + ">");
        int end = html.indexOf("</" + tag + ">");
        if (start < 0 || end < start || html.indexOf("<" + tag + ">", start + 1) >= 0) {
            throw new IllegalStateException(RESOURCE + " must have exactly one inline <" + tag + ">");
        }
        return html.substring(start + tag.length() + 2, end);
    }

    private static String hash(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
