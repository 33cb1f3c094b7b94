package dev.eco.server.net;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connection's place under the connection limits. Whoever holds it gives it back with {@link #release()}
 * when the connection ends or cannot start; only the first call counts, so no path can give a place back twice
 * (which would raise the limit by one for good).
 */
final class Slot implements Admission {

    private final Places places;
    private final InetAddress address;
    private final AtomicBoolean released = new AtomicBoolean();

    Slot(Places places, InetAddress address) {
        this.places = places;
        this.address = address;
    }

    void release() {
        if (released.compareAndSet(false, true)) {
            places.giveBack(address);
        }
    }
}
