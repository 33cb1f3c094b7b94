package dev.eco.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eco.chat.Membership;
import dev.eco.protocol.Codec;
import dev.eco.protocol.LineEnd;
import dev.eco.protocol.Message.Reply;
import dev.eco.protocol.RawJson;
import dev.eco.protocol.Style;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The dispatcher without sockets: each request and what the conversation is asked to do. */
class DispatcherTest {

    private final Codec codec = new Codec();
    private final Dispatcher dispatcher = new Dispatcher(codec, 50);

    /** Records what the dispatcher asks for, as lines: "echo", the reply's text, or a chat action. */
    private class Recorder implements Conversation {
        final List<String> actions = new ArrayList<>();
        Style style = Style.TEXT;
        long seq;

        @Override
        public void echo() {
            actions.add("echo");
        }

        @Override
        public void send(Reply reply) {
            actions.add(new String(codec.encode(reply, style), StandardCharsets.UTF_8).stripTrailing());
        }

        @Override
        public long nextSeq() {
            return ++seq;
        }
    }

    private final class ChatRecorder extends Recorder implements ChatConversation {
        boolean allow = true;
        Optional<Membership> membership = Optional.empty();

        @Override
        public boolean allowChatFrame() {
            return allow;
        }

        @Override
        public Optional<Membership> membership() {
            return membership;
        }

        @Override
        public void join(dev.eco.protocol.Message.Join join) {
            actions.add("join " + join.room());
        }

        @Override
        public void leave(Membership current) {
            actions.add("leave " + current.room());
        }

        @Override
        public void rename(String nick) {
            actions.add("rename " + nick);
        }

        @Override
        public void listRooms() {
            actions.add("rooms");
        }

        void inRoom(String room) {
            membership = Optional.of(new Membership() {
                @Override
                public String room() {
                    return room;
                }

                @Override
                public void say(RawJson body, RawJson id) {
                    actions.add("say " + body.json() + (id == null ? "" : " id " + id.json()));
                }

                @Override
                public void who() {
                    actions.add("who");
                }

                @Override
                public void leave() {
                    actions.add("left");
                }
            });
        }
    }

    private Dispatcher.Next dispatch(String frame, Recorder recorder) {
        var inbound = codec.decode(frame, LineEnd.LF);
        recorder.style = inbound.style();
        return dispatcher.dispatch(inbound, recorder);
    }

    @Test
    void outsideARoomTextIsEchoedAndCommandsAnswered() {
        ChatRecorder tcp = new ChatRecorder();
        dispatch("hello", tcp);
        dispatch("/ping", tcp);
        dispatch("{\"type\":\"message\",\"body\":\"hi\",\"id\":3}", tcp);
        dispatch("{\"type\":\"message\",\"body\":\"again\"}", tcp);
        dispatch("/who", tcp);
        dispatch("/leave", tcp);
        dispatch("/join lobby", tcp);
        dispatch("/nick ann", tcp);
        dispatch("/rooms", tcp);
        assertEquals(
                List.of(
                        "echo",
                        "pong",
                        "{\"type\":\"message\",\"body\":\"hi\",\"id\":3,\"seq\":1}",
                        "{\"type\":\"message\",\"body\":\"again\",\"seq\":2}",
                        "error: not_in_room: you are in no room: /join ROOM first",
                        "error: not_in_room: you are in no room: /join ROOM first",
                        "join lobby",
                        "rename ann",
                        "rooms"),
                tcp.actions);
    }

    @Test
    void inARoomTextAndMessagesAreSaidAndLeaveLeaves() {
        ChatRecorder tcp = new ChatRecorder();
        tcp.inRoom("lobby");
        dispatch("hello", tcp);
        dispatch("{\"type\":\"message\",\"body\":{\"n\":1},\"id\":\"x\"}", tcp);
        dispatch("/who", tcp);
        dispatch("/leave", tcp);
        assertEquals(List.of("say \"hello\"", "say {\"n\":1} id \"x\"", "who", "leave lobby"), tcp.actions);
    }

    @Test
    void chatFramesOverTheRateAreAnsweredAndNotDelivered() {
        ChatRecorder tcp = new ChatRecorder();
        tcp.inRoom("lobby");
        tcp.allow = false;
        dispatch("hello", tcp);
        dispatch("/nick bob", tcp);
        dispatch("/who", tcp); // a listing may cost a broker round trip: limited like the rest
        dispatch("/rooms", tcp);
        dispatch("/join lobby since 7", tcp);
        dispatch("/ping", tcp); // not a chat frame: never limited
        String limited = "error: rate_limited: more than 50 chat frames a second; this one was not delivered";
        assertEquals(List.of(limited, limited, limited, limited, limited, "pong"), tcp.actions);
    }

    @Test
    void quitIsAnsweredAndClosesTheConversation() {
        ChatRecorder tcp = new ChatRecorder();
        assertEquals(Dispatcher.Next.CLOSE, dispatch("QUIT", tcp));
        assertEquals(Dispatcher.Next.CONTINUE, dispatch("quitting", tcp));
        assertEquals(List.of("bye", "echo"), tcp.actions);
    }

    @Test
    void withoutChatTextIsEchoedAsReceivedAndChatIsUnsupported() {
        Recorder udp = new Recorder();
        dispatch("/ping", udp);
        dispatch("/help", udp);
        dispatch("/join lobby", udp);
        dispatch("{\"type\":\"ping\",\"id\":1}", udp);
        dispatch("{\"type\":\"help\"}", udp);
        dispatch("{\"type\":\"who\"}", udp);
        assertEquals(Dispatcher.Next.CLOSE, dispatch("/quit", udp));
        assertEquals(
                List.of(
                        "echo",
                        "echo",
                        "error: unsupported: UDP serves echo, not chat",
                        "{\"type\":\"pong\",\"id\":1}",
                        "{\"type\":\"error\",\"code\":\"unsupported\",\"message\":\"UDP serves echo, not chat\"}",
                        "{\"type\":\"error\",\"code\":\"unsupported\",\"message\":\"UDP serves echo, not chat\"}",
                        "bye"),
                udp.actions);
    }

    @Test
    void badUtf8IsEchoedOnADatagramButAnErrorOnAConnection() {
        byte[] bad = {'a', (byte) 0xC3, 'b'};
        Recorder udp = new Recorder();
        dispatcher.dispatch(codec.decode(bad, 0, bad.length, LineEnd.LF), udp);
        ChatRecorder tcp = new ChatRecorder();
        dispatcher.dispatch(codec.decode(bad, 0, bad.length, LineEnd.LF), tcp);
        assertEquals(List.of("echo"), udp.actions);
        assertEquals(List.of("error: bad_utf8: the frame is not valid UTF-8"), tcp.actions);
    }
}
