package dev.eco.it.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.NatsCluster;
import dev.eco.it.support.NatsWatcher;
import dev.eco.it.support.PausingProxy;
import io.nats.client.KeyValue;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A node cut off from NATS for longer than its TTL while NATS stays up for the others: node b reaches the
 * cluster only through a proxy that stops forwarding. The others judge b dead and announce its members as left;
 * meanwhile someone on node a takes the name of one of them, carol. When the proxy forwards again, b puts its
 * members back: dave rejoins as dave, carol is told that her name was taken and becomes a guest, erin (in no
 * room) holds her name again, and every node lists each member once, under the name its messages carry.
 */
class CutOffNodeIT {

    private static final Duration LIMIT = Duration.ofSeconds(40);

    @Test
    void aNodeCutOffLongerThanItsTtlPutsItsMembersBackAndRenamesOneWhoseNameWasTaken() throws Exception {
        try (NatsCluster cluster = NatsCluster.start();
                PausingProxy proxy = new PausingProxy(cluster.port(0));
                ServedNodes nodes = new ServedNodes()) {
            nodes.start(cluster.urls(), "a");
            nodes.start(proxy.url(), "b"); // the servers do not advertise the others: b stays behind the proxy
            try (ChatMember alice = ChatMember.join(nodes.address(0), "alice", "lobby");
                    ChatMember carol = ChatMember.join(nodes.address(1), "carol", "lobby");
                    ChatMember dave = ChatMember.join(nodes.address(1), "dave", "lobby");
                    ChatMember erin = ChatMember.connect(nodes.address(1));
                    NatsWatcher watcher = NatsWatcher.connect(cluster.url(1))) {
                erin.request("{\"type\":\"nick\",\"name\":\"erin\"}", "nick"); // a name, in no room
                KeyValue names = watcher.connection().keyValue(nodes.prefix.toUpperCase(Locale.ROOT) + "_NAMES");
                assertEquals(List.of("alice", "carol", "dave"), alice.who());

                proxy.pause();
                long cut = System.nanoTime();
                await("node a takes b's members for gone")
                        .atMost(LIMIT)
                        .until(() -> alice.who().equals(List.of("alice")));
                long judged = System.nanoTime();
                await("erin's name is freed too").atMost(LIMIT).until(() -> names.get("nick.erin") == null);
                try (ChatMember newCarol = ChatMember.join(nodes.address(0), "carol", "lobby")) {
                    proxy.resume();
                    long resumed = System.nanoTime();

                    JsonNode told = carol.awaitReply(
                            type("error").and(r -> r.path("code").asString("").equals("nick_taken")));
                    assertTrue(told.path("message").asString().contains("carol"), told.toString());
                    String guest = carol.awaitReplyAfter(told, type("nick"))
                            .path("name")
                            .asString();
                    assertTrue(guest.startsWith("guest-"), guest);
                    List<String> everyone = List.of("alice", "carol", "dave", guest);
                    await("both nodes list every member once")
                            .atMost(LIMIT)
                            .until(() -> sorted(alice.who()).equals(everyone)
                                    && carol.who().equals(alice.who())
                                    && dave.who().equals(alice.who()));
                    System.out.printf(
                            "cut-off node b: node a showed its members as left %d ms after the cut; after the"
                                    + " proxy forwarded again, both nodes listed them again within %d ms%n",
                            (judged - cut) / 1_000_000, (System.nanoTime() - resumed) / 1_000_000);

                    // erin is in no room, so no leave of hers comes back through the feed: the heartbeat's gap tells
                    await("node b claims erin's name again").atMost(LIMIT).until(() -> names.get("nick.erin") != null);
                    assertEquals(
                            "nick_taken",
                            newCarol.request("{\"type\":\"nick\",\"name\":\"Erin\"}", "error")
                                    .path("code")
                                    .asString());

                    long guestSaid = carol.say("back");
                    long daveSaid = dave.say("hi");
                    assertTrue(guestSaid > 0 && daveSaid > 0, "both talk again");
                    for (ChatMember member : List.of(alice, newCarol, carol, dave)) {
                        await(member.nick + " hears both under their names")
                                .atMost(LIMIT)
                                .until(() -> member.messages()
                                        .containsAll(
                                                List.of(guestSaid + " " + guest + " back", daveSaid + " dave hi")));
                    }
                    assertEquals(1, alice.who().stream().filter("carol"::equals).count(), "one carol");
                    // after carol's and dave's first joins: both leave (the reaper), then three joins (the other
                    // carol's, and b's two members back), each pair in whichever order the nodes wrote them
                    List<String> heard =
                            presence(alice).subList(2, presence(alice).size());
                    assertEquals(5, heard.size(), "what alice heard: " + presence(alice));
                    assertEquals(Set.of("carol left", "dave left"), Set.copyOf(heard.subList(0, 2)), heard.toString());
                    assertEquals(
                            Set.of("carol joined", "dave joined", guest + " joined"),
                            Set.copyOf(heard.subList(2, 5)),
                            heard.toString());
                    assertTrue(
                            !presence(carol).contains("carol left")
                                    && !presence(carol).contains(guest + " joined"),
                            "she never heard herself leave or join again (the other carol's join she did hear): "
                                    + presence(carol));
                }
            }
        }
    }

    private static Predicate<JsonNode> type(String type) {
        return r -> type.equals(r.path("type").asString(""));
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }

    /** The presence notices a member received, as {@code nick joined|left}. */
    private static List<String> presence(ChatMember member) {
        return member.replies().stream()
                .filter(type("presence"))
                .map(r -> r.path("nick").asString() + " "
                        + switch (r.path("event").asString()) {
                            case "join" -> "joined";
                            case "leave" -> "left";
                            default -> r.path("event").asString();
                        })
                .toList();
    }
}
