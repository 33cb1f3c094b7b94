package dev.eco.client;

import dev.eco.protocol.Codec;
import dev.eco.protocol.Message.Quit;
import dev.eco.protocol.Message.Request;
import dev.eco.protocol.Message.Text;
import dev.eco.protocol.Style;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One chat, driven by events from the input and the server, taken on one thread in order. The rules for
 * ending:
 * <ul>
 *   <li>{@code quit} or {@code /quit} typed: send it, tell the server nothing more comes, then wait for
 *       {@code bye} or the server's close (an echo server that knows no {@code quit} closes at end of
 *       stream); exit 0.</li>
 *   <li>End of input: interactively (Ctrl-D, Ctrl-C) the same as {@code quit}; from a pipe, wait until
 *       there was a reply for every line sent, then exit 0. Once the server confirmed a join, though, other
 *       members' lines arrive too and counting says nothing: a piped session in a room instead waits
 *       until {@code timeout} passes with no line from the server, then exits 0.</li>
 *   <li>Waiting after either of those is bounded: {@code timeout} since the last reply (or since the
 *       waiting began) and the session fails with a sentence saying what is missing.</li>
 *   <li>The server closing first fails the session: {@code connection closed by server}; unless the session
 *       is in a room and can reconnect: then it connects again with backoff (for up to {@link Reconnection#RECONNECT_FOR}),
 *       rejoins its room since the last {@code seq} it printed, and says how many messages it caught up.</li>
 * </ul>
 * While nothing is pending (the person is typing) there is no timeout: messages may come at any time.
 */
public final class ChatSession {

    /**
     * How a session sends lines and when it ends.
     *
     * @param json      send each line as a JSON {@code message} ({@code quit} as a JSON {@code quit})
     * @param timeout   how long to wait for replies once input has ended or {@code quit} was sent
     * @param quitAtEnd whether end of input means {@code quit} (interactive) or "wait for the replies" (piped)
     * @param shownAs   the server as the person named it, for messages
     */
    public record Settings(boolean json, Duration timeout, boolean quitAtEnd, String shownAs) {}

    /**
     * How long a piped session waits for a greeting before it sends its first line. A server's greeting is
     * not a reply and must not be counted as one, or the session would end one reply early.
     */
    public static final Duration GREETING_WAIT = Duration.ofMillis(150);

    /** A come-back's replay is over when this passes with nothing from the server, if no live message ended it. */
    private static final Duration QUIET_AFTER_REPLAY = Duration.ofMillis(300);

    /** Opens a new link to the same server, for a session that reconnects. */
    public interface Reopen {
        Link open() throws IOException, InterruptedException;
    }

    private final BlockingDeque<ChatEvent> events = new LinkedBlockingDeque<>();
    private final Settings settings;
    private final Style style;
    private final Codec codec = new Codec();
    private final RoomPlace place;
    private int sent;
    private int received;
    private boolean inputEnded;
    private boolean quitSent;
    private boolean inRoom;
    private long lastActivity;

    public ChatSession(Settings settings) {
        this.settings = settings;
        this.style = settings.json() ? Style.JSON : Style.TEXT;
        this.place = new RoomPlace(codec, settings.json());
    }

    /** Where the input and the link post their events; any thread may call it. */
    public void post(ChatEvent event) {
        events.add(event);
    }

    /**
     * Before any input is read: prints the line the server sends on its own when the connection opens, if
     * one comes within {@code wait}; it is not counted as a reply.
     */
    public void awaitGreeting(Duration wait, Consumer<String> print) throws InterruptedException {
        ChatEvent first = events.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (first instanceof ChatEvent.Received greeting) {
            print.accept(greeting.line());
        } else if (first != null) {
            events.addFirst(first);
        }
    }

    /** Runs until the session ends: returns 0, or throws with the sentence that says why it failed. */
    public int run(Link link, Consumer<String> print) throws IOException, InterruptedException {
        return run(link, null, print);
    }

    /**
     * The same, reconnecting through {@code reopen} (null: never) when the connection drops while in a room. The
     * links it opens are its own; {@code link} stays the caller's.
     */
    public int run(Link link, Reopen reopen, Consumer<String> print) throws IOException, InterruptedException {
        Link[] current = {link};
        try {
            return talk(link, reopen, print, current);
        } finally {
            if (current[0] != link) {
                current[0].close();
            }
        }
    }

    /** The session's loop; {@code current[0]} is the link in use, for whoever closes it at the end. */
    private int talk(Link start, Reopen reopen, Consumer<String> print, Link[] current)
            throws IOException, InterruptedException {
        Link link = start;
        Reconnection reconnection = reopen == null ? null : new Reconnection(reopen, place, settings.shownAs());
        lastActivity = System.nanoTime();
        while (true) {
            if (place.catchingUp() && events.isEmpty()) {
                ChatEvent quiet = events.poll(QUIET_AFTER_REPLAY.toNanos(), TimeUnit.NANOSECONDS);
                if (quiet == null) {
                    print.accept(place.caughtUp());
                    continue;
                }
                events.addFirst(quiet);
            }
            ChatEvent event = next();
            if (event == null) {
                return 0; // a piped session in a room: quiet for the whole timeout after input ended
            }
            switch (event) {
                case ChatEvent.Typed typed -> {
                    if (!quitSent && !inputEnded) {
                        if (ChatLines.isQuit(typed.line())) {
                            sendQuit(link);
                        } else {
                            link.send(
                                    link.datagrams()
                                            ? codec.encode((Request) new Text(typed.line()), style)
                                            : place.frame(typed.line()));
                            sent++;
                        }
                    }
                }
                case ChatEvent.InputEnded ended -> {
                    if (!quitSent && !inputEnded) {
                        inputEnded = true;
                        lastActivity = System.nanoTime();
                        if (settings.quitAtEnd()) {
                            sendQuit(link);
                        }
                    }
                }
                case ChatEvent.Received reply -> {
                    String shown = link.datagrams() ? reply.line() : place.shown(reply.line());
                    if (place.replayOver()) {
                        print.accept(place.caughtUp());
                    }
                    print.accept(shown);
                    received++;
                    lastActivity = System.nanoTime();
                    inRoom |= ChatLines.isJoined(reply.line());
                    if (quitSent && (ChatLines.isBye(reply.line()) || (link.datagrams() && received > sent))) {
                        return 0; // bye, or over UDP whatever answers the quit datagram
                    }
                }
                case ChatEvent.Closed closed -> {
                    if (quitSent) {
                        return 0;
                    }
                    if (reconnection != null && place.inRoom()) {
                        link = reconnection.connectAgain(link, start, this::post, print);
                        current[0] = link;
                        lastActivity = System.nanoTime();
                        continue;
                    }
                    throw new ClientException(
                            closed.problem() == null
                                    ? "connection closed by server"
                                    : "connection to " + settings.shownAs() + " lost: " + closed.problem());
                }
            }
            if (inputEnded && !quitSent && !inRoom && received >= sent) {
                return 0;
            }
        }
    }

    private void sendQuit(Link link) throws IOException {
        quitSent = true;
        lastActivity = System.nanoTime();
        link.send(codec.encode(new Quit(), style));
        link.finishSending();
    }

    /**
     * The next event; once something is awaited, within the timeout or the session fails. Null when a
     * piped session in a room has heard nothing for the timeout: that is its normal end.
     */
    private ChatEvent next() throws InterruptedException, ClientException {
        if (!quitSent && !inputEnded) {
            return events.take();
        }
        long left = settings.timeout().toNanos() - (System.nanoTime() - lastActivity);
        ChatEvent event = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : events.poll();
        if (event == null && inRoom && !quitSent) {
            return null;
        }
        if (event == null) {
            String timeout = Endpoints.describe(settings.timeout());
            throw new ClientException(
                    quitSent
                            ? "no bye from " + settings.shownAs() + " within " + timeout + " after quit"
                            : "no reply from " + settings.shownAs() + " within " + timeout + " (sent "
                                    + plural(sent, "line") + ", received " + plural(received, "reply", "replies")
                                    + ")");
        }
        return event;
    }

    private static String plural(int n, String one) {
        return plural(n, one, one + "s");
    }

    private static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
