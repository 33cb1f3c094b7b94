package dev.eco.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.EcoProcess;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One way to name things: the same address forms and the same short options in every command. */
class CliFormsIT {

    @Test
    void everyAddressFormReachesTheServer() throws Exception {
        try (EcoProcess eco = EcoProcess.serve("-p", "0", "-H", "127.0.0.1", "--udp-port", "same")) {
            String port = String.valueOf(eco.port("tcp"));
            for (List<String> server : List.of(
                    List.of(port),
                    List.of("127.0.0.1", port),
                    List.of("127.0.0.1:" + port),
                    List.of("[127.0.0.1]:" + port),
                    List.of("localhost", port))) {
                List<String> args = new java.util.ArrayList<>(List.of("send"));
                args.addAll(server);
                args.addAll(List.of("hello", "eco"));
                ClientRuns.Result run = ClientRuns.inProcess("", args.toArray(String[]::new));
                assertEquals(0, run.exit(), server + ": " + run);
                assertEquals(List.of("hello eco"), run.outLines(), server + ": " + run);
            }
            ClientRuns.Result chat = ClientRuns.inProcess("hi\n", "chat", port);
            assertEquals(0, chat.exit(), chat.toString());
            assertEquals(List.of("hi"), chat.outLines());
            ClientRuns.Result udp =
                    ClientRuns.inProcess("", "send", "-u", "-t", "2s", "127.0.0.1:" + eco.port("udp"), "over", "udp");
            assertEquals(0, udp.exit(), udp.toString());
            assertEquals(List.of("over udp"), udp.outLines());
        }
    }

    @Test
    void shortOptionsMeanTheSameEverywhere() throws Exception {
        try (EcoProcess eco = EcoProcess.serve("-p", "0", "--udp-port", "off")) {
            String port = String.valueOf(eco.port("tcp"));
            ClientRuns.Result bench = ClientRuns.inProcess(
                    "", "bench", "tcp", port, "-c", "1", "-d", "300ms", "-w", "0", "-t", "2s", "-P", "2");
            assertEquals(0, bench.exit(), bench.toString());
            assertTrue(
                    bench.out()
                            .startsWith("eco bench tcp 127.0.0.1:" + port + ": 1 connection, 64-byte messages,"
                                    + " closed loop, pipeline 2"),
                    bench.toString());
            ClientRuns.Result pings = ClientRuns.inProcess("", "send", "-c", "2", "-i", "0", "-t", "2s", port, "ping");
            assertEquals(0, pings.exit(), pings.toString());
            assertTrue(pings.outLines().getLast().startsWith("2 sent, 2 received"), pings.toString());
            ClientRuns.Result fanout = ClientRuns.inProcess(
                    "", "fanout", port, "-m", "2", "-r", "5", "-d", "300ms", "-w", "0", "--drain", "500ms");
            assertEquals(0, fanout.exit(), fanout.toString());
        }
    }
}
