package dev.eco.server.net;

import dev.eco.server.ServerMetrics.Refusal;

/** What a new connection gets from {@link Connections#tryAdmit}: a place ({@link Slot}), or why it has none. */
sealed interface Admission permits Slot, Admission.Refused {

    /** No place: the server, or the client's address, has its maximum of connections; or the server is closing. */
    record Refused(Refusal why) implements Admission {}
}
