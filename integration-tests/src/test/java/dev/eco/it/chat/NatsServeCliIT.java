package dev.eco.it.chat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eco.it.support.EcoProcess;
import dev.eco.it.support.FreePorts;
import dev.eco.it.support.NatsServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code eco serve --nats} as a person runs it: NATS missing at start, waiting for it, a bad option. */
class NatsServeCliIT {

    @Test
    void unreachableNatsAtStartIsOneSentenceAndExitStatusOne() throws Exception {
        NatsServer.requireInstalled();
        String url = "nats://127.0.0.1:" + FreePorts.tcp(); // nothing listens there
        EcoProcess.Result result = EcoProcess.run("serve", "--port", "0", "--nats", url, "--node", "lonely");
        assertEquals(1, result.exitCode());
        assertEquals(
                List.of("eco serve: cannot reach NATS at " + url + ": is nats-server -js running there?"),
                result.stderr());
        assertEquals(List.of(), result.stdout(), "it never listened");
    }

    @Test
    void aServerAskedToWaitForNatsStartsWhenNatsDoes() throws Exception {
        try (NatsServer nats = NatsServer.prepare()) {
            EcoProcess eco = EcoProcess.start(
                    java.util.Map.of(),
                    "serve",
                    "--port",
                    "0",
                    "--udp-port",
                    "off",
                    "--nats",
                    nats.url(),
                    "--nats-wait",
                    "--node",
                    "patient");
            try (eco) {
                // NATS is late on purpose: for a whole second the node must keep waiting, not give up
                await("still waiting")
                        .during(Duration.ofSeconds(1))
                        .atMost(Duration.ofSeconds(5))
                        .until(() -> eco.process().isAlive());
                nats.startAgain();
                try (LineClient client = LineClient.connect(eco.address("tcp"))) {
                    client.send("/join lobby");
                    assertTrue(client.readLine().startsWith("joined lobby, members: guest-"));
                }
            }
        }
    }

    @Test
    void helpDescribesTheNatsOptions() throws Exception {
        EcoProcess.Result help = EcoProcess.run("serve", "--help");
        assertEquals(0, help.exitCode());
        String text = String.join("\n", help.stdout());
        for (String option : List.of(
                "--nats",
                "ECO_NATS",
                "--node",
                "--history",
                "--nats-wait",
                "--node-ttl",
                "--nats-replicas",
                "ECO_NATS_REPLICAS",
                "--nats-creds",
                "--nats-token-file",
                "ECO_NATS_TOKEN",
                "--nats-user",
                "--nats-password-file",
                "ECO_NATS_PASSWORD")) {
            assertTrue(text.contains(option), option + " missing from:\n" + text);
        }
        String unwrapped = text.replaceAll("\\s*\\n\\s*", ""); // picocli wraps URLs at their dots
        assertTrue(unwrapped.contains("nats://10.0.0.1:4222,nats://10.0.0.2:4222"), "an example with several servers");
        assertTrue(!unwrapped.matches("(?s).*nats://[^\\s,]*@.*"), "no example URL carries user-info:\n" + text);
        EcoProcess.Result fanout = EcoProcess.run("fanout", "--help");
        assertTrue(
                String.join("\n", fanout.stdout()).contains("--also"),
                fanout.stdout().toString());
    }

    @Test
    void historyBeyondWhatTheStreamKeepsIsAUsageError() throws Exception {
        EcoProcess.Result result =
                EcoProcess.run("serve", "--port", "0", "--nats", "nats://127.0.0.1:1", "--history", "500");
        assertEquals(2, result.exitCode());
        assertTrue(
                result.stderr().getFirst().contains("--history is at most 100, not 500"),
                result.stderr().toString());
    }
}
