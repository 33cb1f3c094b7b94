package dev.eco.client;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Brings a chat in a room back after its connection dropped: connects again, waiting {@link #FIRST_WAIT} and
 * twice as long each try (up to {@link #LONGEST_WAIT}), then puts the chat back in its room since the last
 * {@code seq} it printed; fails once {@link #RECONNECT_FOR} has passed.
 */
final class Reconnection {

    /** How long a session in a room keeps trying to connect again after its connection dropped. */
    static final Duration RECONNECT_FOR = Duration.ofSeconds(60);
    /** The first wait before connecting again; it doubles each try, up to {@link #LONGEST_WAIT}. */
    private static final Duration FIRST_WAIT = Duration.ofMillis(100);

    private static final Duration LONGEST_WAIT = Duration.ofSeconds(5);

    private final ChatSession.Reopen reopen;
    private final RoomPlace place;
    private final String shownAs;

    Reconnection(ChatSession.Reopen reopen, RoomPlace place, String shownAs) {
        this.reopen = reopen;
        this.place = place;
        this.shownAs = shownAs;
    }

    /**
     * Closes {@code dead} unless it is the caller's ({@code callers}), then returns the new link, started with
     * {@code events} and rejoined; throws once {@link #RECONNECT_FOR} has passed without one.
     */
    Link connectAgain(Link dead, Link callers, Consumer<ChatEvent> events, Consumer<String> print)
            throws ClientException, InterruptedException {
        if (dead != callers) {
            dead.close(); // the caller closes its own
        }
        print.accept("* connection to " + shownAs + " lost; connecting again");
        long deadline = System.nanoTime() + RECONNECT_FOR.toNanos();
        Duration wait = FIRST_WAIT;
        while (true) {
            Thread.sleep(wait);
            Link link = null;
            try {
                link = reopen.open();
                link.start(events);
                for (byte[] frame : place.comeBack()) {
                    link.send(frame);
                }
                print.accept("* connected again; rejoining " + place.room());
                return link;
            } catch (IOException e) {
                if (link != null) {
                    link.close();
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw new ClientException("connection to " + shownAs + " lost, and not back within "
                            + Endpoints.describe(RECONNECT_FOR) + ": " + e.getMessage());
                }
                wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) < 0 ? wait.multipliedBy(2) : LONGEST_WAIT;
            }
        }
    }
}
