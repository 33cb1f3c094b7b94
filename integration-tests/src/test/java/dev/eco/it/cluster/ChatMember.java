package dev.eco.it.cluster;

import static org.awaitility.Awaitility.await;

import dev.eco.it.support.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * A member of a room over a real connection to an eco server, speaking JSON frames: a reader thread records
 * every reply, and requests wait for their answer (found by its {@code id}) with Awaitility.
 */
final class ChatMember implements AutoCloseable {

    /** Longer than the failover wait (10 s) plus a reconnect: how long one request may take in these tests. */
    static final Duration ANSWER_LIMIT = Duration.ofSeconds(40);

    final String nick;
    private final Socket socket;
    private final OutputStream out;
    private final List<JsonNode> received = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong(1_000_000);

    private ChatMember(InetSocketAddress at, String nick) throws IOException {
        this.nick = nick;
        this.socket = new Socket();
        socket.connect(at, 5_000);
        this.out = socket.getOutputStream();
        Thread.ofVirtual().name("member " + nick).start(this::read);
    }

    /** Connects, and does nothing else yet. */
    static ChatMember connect(InetSocketAddress at) throws IOException {
        return new ChatMember(at, "?");
    }

    /** Connects, takes {@code nick} and joins {@code room}. */
    static ChatMember join(InetSocketAddress at, String nick, String room) throws IOException {
        ChatMember member = new ChatMember(at, nick);
        member.request("{\"type\":\"nick\",\"name\":\"" + nick + "\"}", "nick");
        member.request("{\"type\":\"join\",\"room\":\"" + room + "\"}", "join");
        return member;
    }

    private void read() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode reply = Json.parse(line);
                synchronized (received) {
                    received.add(reply);
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    void send(String frame) throws IOException {
        synchronized (out) {
            out.write((frame + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** Sends a frame whose reply has no id, and waits for the first reply of {@code type} after it. */
    JsonNode request(String frame, String type) throws IOException {
        int from = count();
        send(frame);
        return awaitReply(from, r -> type.equals(r.path("type").asString("")));
    }

    /**
     * Says {@code body} and waits for the answer: the message as stored (its own copy, with its id) or an error.
     *
     * @return the message's seq, or -1 when it was refused
     */
    long say(String body) throws IOException {
        long id = ids.incrementAndGet();
        int from = count();
        send("{\"type\":\"message\",\"body\":\"" + body + "\",\"id\":" + id + "}");
        JsonNode answer = awaitReply(from, r -> r.path("id").asLong(-1) == id);
        return "message".equals(answer.path("type").asString(""))
                ? answer.path("seq").asLong()
                : -1;
    }

    /** {@code /who} of the member's room, as this member's node answers it. */
    List<String> who() throws IOException {
        List<String> members = new ArrayList<>();
        request("{\"type\":\"who\"}", "who").path("members").forEach(m -> members.add(m.asString()));
        return members;
    }

    JsonNode awaitReply(Predicate<JsonNode> wanted) {
        return awaitReply(0, wanted);
    }

    /** The first reply after {@code earlier} (one of this member's replies) that is {@code wanted}. */
    JsonNode awaitReplyAfter(JsonNode earlier, Predicate<JsonNode> wanted) {
        int at;
        synchronized (received) {
            at = received.indexOf(earlier);
        }
        return awaitReply(at + 1, wanted);
    }

    private JsonNode awaitReply(int from, Predicate<JsonNode> wanted) {
        return await(nick + " waits for an answer")
                .atMost(ANSWER_LIMIT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> find(from, wanted), r -> r != null);
    }

    private JsonNode find(int from, Predicate<JsonNode> wanted) {
        synchronized (received) {
            for (int i = from; i < received.size(); i++) {
                if (wanted.test(received.get(i))) {
                    return received.get(i);
                }
            }
        }
        return null;
    }

    private int count() {
        synchronized (received) {
            return received.size();
        }
    }

    /** Every reply so far. */
    List<JsonNode> replies() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The room messages received, as {@code seq from body}, in the order received. */
    List<String> messages() {
        return replies().stream()
                .filter(r -> "message".equals(r.path("type").asString("")))
                .map(r -> r.path("seq").asLong() + " " + r.path("from").asString() + " "
                        + r.path("body").asString())
                .toList();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
