package dev.eco.server.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.eco.server.ServerMetrics.Refusal;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The connection limits: in all and per source address, each place given back once whatever calls release. */
class PlacesTest {

    private static final InetAddress ONE = InetAddress.ofLiteral("192.0.2.1");
    private static final InetAddress TWO = InetAddress.ofLiteral("192.0.2.2");

    @Test
    void oneAddressGetsAtMostItsCapWhileOthersStillGetIn() {
        Places places = new Places(10, 2);
        Slot first = assertInstanceOf(Slot.class, places.take(ONE));
        assertInstanceOf(Slot.class, places.take(ONE));
        assertEquals(new Admission.Refused(Refusal.ADDRESS_FULL), places.take(ONE));
        assertInstanceOf(Slot.class, places.take(TWO), "another address is not held back");
        assertEquals(3, places.count(), "the refused one holds no place");
        first.release();
        assertEquals(1, places.heldBy(ONE));
        assertInstanceOf(Slot.class, places.take(ONE), "a place given back can be taken again");
    }

    @Test
    void theServerLimitComesFirst() {
        Places places = new Places(2, 5);
        assertInstanceOf(Slot.class, places.take(ONE));
        assertInstanceOf(Slot.class, places.take(TWO));
        assertEquals(new Admission.Refused(Refusal.SERVER_FULL), places.take(ONE));
        assertEquals(1, places.heldBy(ONE), "a refusal takes no place of its address either");
    }

    @Test
    void aSlotReleasedTwiceGivesItsPlaceBackOnce() {
        Places places = new Places(1, 1);
        Slot slot = assertInstanceOf(Slot.class, places.take(ONE));
        slot.release();
        slot.release();
        assertEquals(0, places.count());
        assertEquals(0, places.heldBy(ONE), "an address that holds nothing is forgotten");
        assertInstanceOf(Slot.class, places.take(ONE));
        assertEquals(new Admission.Refused(Refusal.SERVER_FULL), places.take(TWO), "the limit is still 1");
    }

    @Test
    void zeroTurnsTheCapPerAddressOff() {
        Places places = new Places(3, 0);
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(Slot.class, places.take(ONE));
        }
        assertEquals(0, places.heldBy(ONE), "nothing is counted per address");
    }
}
