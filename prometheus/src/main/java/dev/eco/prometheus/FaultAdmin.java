package dev.eco.prometheus;

import dev.eco.server.testing.Faults;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code /faults} on the metrics port: which server's faults it reads and changes, and who may. It has no
 * authentication: it must never face the internet, which is why by default only clients on the same machine
 * (a loopback address) may use it, whatever address the port listens on.
 *
 * @param faults   the running server's faults; null while it starts (then {@code /faults} answers 503)
 * @param anyPeer  whether clients from other machines may use it too ({@code --fault-admin any})
 */
public record FaultAdmin(Supplier<Faults> faults, boolean anyPeer) {

    public FaultAdmin {
        Objects.requireNonNull(faults, "faults");
    }
}
