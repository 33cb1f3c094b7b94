package dev.eco.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueStatus;
import io.nats.client.api.StreamConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates eco's stream and buckets, or takes them as another node made them. It never changes them: JetStream
 * refuses a create whose settings differ from what exists ("already in use with a different configuration"),
 * and then this node compares the settings it cares about and says in one sentence what differs. Changing them
 * would let the last node to start rewrite the replicas or limits for every node (and an update that changes
 * the replicas leaves the stream without a leader for a moment).
 */
final class Setup {

    /** JetStream: a stream or bucket of that name exists with other settings. */
    private static final int DIFFERENT_CONFIGURATION = 10058;
    /** JetStream: more than one replica asked of a server that is not in a cluster. */
    private static final int REPLICAS_NOT_CLUSTERED = 10074;

    private Setup() {}

    /** Creates the stream or takes it as it is; the sentence saying how it differs, if it does. */
    static Optional<String> stream(NatsLink link, StreamConfiguration wanted) throws NatsUnavailableException {
        String what = "stream " + wanted.getName();
        return unclustered(
                link,
                () -> Failover.call(link, "cannot set up the room " + what + " in NATS", () -> {
                    try {
                        link.management().addStream(wanted);
                        return Optional.<String>empty();
                    } catch (JetStreamApiException e) {
                        if (e.getApiErrorCode() != DIFFERENT_CONFIGURATION) {
                            throw e;
                        }
                    }
                    StreamConfiguration found =
                            link.management().getStreamInfo(wanted.getName()).getConfiguration();
                    List<String> differences = new ArrayList<>();
                    differ(differences, "replicas", found.getReplicas(), wanted.getReplicas());
                    differ(differences, "subjects", found.getSubjects(), wanted.getSubjects());
                    differ(differences, "storage", found.getStorageType(), wanted.getStorageType());
                    differ(
                            differences,
                            "messages per room",
                            found.getMaxMsgsPerSubject(),
                            wanted.getMaxMsgsPerSubject());
                    differ(differences, "record bytes", found.getMaximumMessageSize(), wanted.getMaximumMessageSize());
                    differ(differences, "duplicate window", found.getDuplicateWindow(), wanted.getDuplicateWindow());
                    differ(differences, "retention", found.getRetentionPolicy(), wanted.getRetentionPolicy());
                    differ(differences, "discard", found.getDiscardPolicy(), wanted.getDiscardPolicy());
                    return sentence(what, differences);
                }));
    }

    /** Creates the bucket or takes it as it is; the sentence saying how it differs, if it does. */
    static Optional<String> bucket(NatsLink link, KeyValueManagement kvm, KeyValueConfiguration wanted)
            throws NatsUnavailableException {
        String what = "key-value bucket " + wanted.getBucketName();
        return unclustered(
                link,
                () -> Failover.call(link, "cannot set up the " + what + " in NATS", () -> {
                    try {
                        kvm.create(wanted);
                        return Optional.<String>empty();
                    } catch (JetStreamApiException e) {
                        if (e.getApiErrorCode() != DIFFERENT_CONFIGURATION) {
                            throw e;
                        }
                    }
                    KeyValueStatus found = kvm.getStatus(wanted.getBucketName());
                    List<String> differences = new ArrayList<>();
                    differ(differences, "replicas", found.getReplicas(), wanted.getReplicas());
                    differ(differences, "max age", found.getTtl(), wanted.getTtl());
                    differ(differences, "history", found.getMaxHistoryPerKey(), wanted.getMaxHistoryPerKey());
                    differ(differences, "storage", found.getStorageType(), wanted.getStorageType());
                    return sentence(what, differences);
                }));
    }

    private interface SetupStep {
        Optional<String> run() throws NatsUnavailableException;
    }

    /**
     * The setup, with two failures said in eco's words: replicas asked of a lone server, and no answer at all
     * (a server without JetStream answers nothing to JetStream requests).
     */
    private static Optional<String> unclustered(NatsLink link, SetupStep step) throws NatsUnavailableException {
        try {
            return step.run();
        } catch (NatsUnavailableException e) {
            String servers = link.settings().servers().shown();
            if (e.getCause() instanceof JetStreamApiException j && j.getApiErrorCode() == REPLICAS_NOT_CLUSTERED) {
                throw new NatsUnavailableException(
                        "NATS at " + servers + " is a single server, not a cluster, so it keeps one replica only:"
                                + " start the nodes with --nats-replicas 1",
                        e);
            }
            if (e.getMessage().startsWith("the rooms are unavailable")) {
                throw new NatsUnavailableException(
                        "cannot set up the rooms in NATS at " + servers + ": JetStream did not answer within "
                                + link.settings().failoverWait().toSeconds() + " s (is it on: nats-server -js?)",
                        e);
            }
            throw e;
        }
    }

    private static void differ(List<String> differences, String name, Object found, Object wanted) {
        if (!Objects.equals(found, wanted)) {
            differences.add(name + " " + found + " there, " + wanted + " here");
        }
    }

    private static Optional<String> sentence(String what, List<String> differences) {
        if (differences.isEmpty()) {
            return Optional.empty(); // JetStream compares fields eco does not set, such as ones a newer server adds
        }
        return Optional.of("NATS " + what + " exists with other settings than this node's ("
                + String.join(", ", differences) + "): using it as it is (change it with the NATS tools, or start"
                + " every node with the same settings)");
    }
}
