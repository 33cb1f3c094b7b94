package dev.eco.server.net;

import dev.eco.server.ServerMetrics.Refusal;
import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The places for TCP connections, line and raw together: at most {@code max} in all, and at most
 * {@code perAddress} from one source address (0: no such cap), so that one client cannot take them all.
 */
final class Places {

    private final int max;
    private final int perAddress;
    private final Semaphore permits;
    /** Places held per source address, only for addresses that hold any: never more entries than places. */
    private final ConcurrentHashMap<InetAddress, Integer> byAddress = new ConcurrentHashMap<>();

    Places(int max, int perAddress) {
        this.max = max;
        this.perAddress = perAddress;
        this.permits = new Semaphore(max);
    }

    /** A place for a connection from {@code from}, or why there is none. */
    Admission take(InetAddress from) {
        if (!permits.tryAcquire()) {
            return new Admission.Refused(Refusal.SERVER_FULL);
        }
        if (perAddress > 0 && !takeFrom(from)) {
            permits.release();
            return new Admission.Refused(Refusal.ADDRESS_FULL);
        }
        return new Slot(this, from);
    }

    private boolean takeFrom(InetAddress from) {
        boolean[] taken = {false};
        byAddress.compute(from, (address, held) -> {
            int n = held == null ? 0 : held;
            if (n >= perAddress) {
                return held;
            }
            taken[0] = true;
            return n + 1;
        });
        return taken[0];
    }

    /** Called once per {@link Slot}, by the slot itself. */
    void giveBack(InetAddress from) {
        if (perAddress > 0) {
            byAddress.computeIfPresent(from, (address, held) -> held == 1 ? null : held - 1);
        }
        permits.release();
    }

    int count() {
        return max - permits.availablePermits();
    }

    /** Places held by connections from {@code from}; 0 when there is no cap per address. */
    int heldBy(InetAddress from) {
        return byAddress.getOrDefault(from, 0);
    }

    int max() {
        return max;
    }

    int perAddress() {
        return perAddress;
    }
}
