package dev.eco.nats;

import java.util.regex.Pattern;

/**
 * One member (one connection) of one node, unique across nodes and restarts: the node's name, the id of this
 * start of the node (its incarnation) and a number the node gives each connection. Ownership of names and
 * memberships is recorded as {@link #key()}, so the survivors can tell which entries a dead node left.
 */
public record MemberRef(String node, String incarnation, long local) {

    private static final Pattern INCARNATION = Pattern.compile("[a-z0-9]{1,16}");

    public MemberRef {
        if (!INCARNATION.matcher(incarnation).matches() || local < 0) {
            throw new IllegalArgumentException("bad member reference " + incarnation + "/" + local);
        }
    }

    /** The key-value and header form, e.g. {@code k3x9f2_17}: the same member on every node. */
    public String key() {
        return incarnation + "_" + local;
    }

    static String incarnationOf(String key) {
        int underscore = key.indexOf('_');
        return underscore < 0 ? key : key.substring(0, underscore);
    }

    @Override
    public String toString() {
        return node + "/" + key();
    }
}
