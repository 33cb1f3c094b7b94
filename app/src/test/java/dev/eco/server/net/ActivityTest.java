package dev.eco.server.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The sweeper's view of a connection's traffic, at times the test chooses (no clock, no sleeping). */
class ActivityTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aConnectionIsQuietFromItsOpeningUntilItsFirstTraffic() {
        Activity activity = new Activity(10 * SECOND);
        assertEquals(0, activity.quietNanos(10 * SECOND));
        assertEquals(5 * SECOND, activity.quietNanos(15 * SECOND));
    }

    @Test
    void aReadOrAFinishedWriteStartsTheQuietAgainAtTheSweepThatSeesIt() {
        Activity activity = new Activity(0);
        activity.read();
        assertEquals(0, activity.quietNanos(4 * SECOND), "the read is seen at this sweep");
        assertEquals(3 * SECOND, activity.quietNanos(7 * SECOND));

        activity.writeStarted();
        assertEquals(4 * SECOND, activity.quietNanos(8 * SECOND), "a write still in progress is no traffic yet");
        activity.writeDone();
        assertEquals(0, activity.quietNanos(9 * SECOND));
        assertEquals(SECOND, activity.quietNanos(10 * SECOND));
    }

    @Test
    void aWriteIsBlockedFromTheSweepThatFirstSawItUntilItFinishes() {
        Activity activity = new Activity(0);
        assertEquals(0, activity.blockedNanos(SECOND), "no write in progress");

        activity.writeStarted();
        assertEquals(0, activity.blockedNanos(2 * SECOND));
        assertEquals(3 * SECOND, activity.blockedNanos(5 * SECOND));
        activity.writeDone();
        assertEquals(0, activity.blockedNanos(6 * SECOND));
    }

    @Test
    void aNewWriteBetweenTwoSweepsIsTimedFromScratch() {
        Activity activity = new Activity(0);
        activity.writeStarted();
        assertEquals(0, activity.blockedNanos(SECOND));
        activity.writeDone();
        activity.writeStarted(); // the next write began before the sweeper looked again
        assertEquals(0, activity.blockedNanos(4 * SECOND), "a different write than the one seen blocked");
        assertEquals(2 * SECOND, activity.blockedNanos(6 * SECOND));
    }
}
