package dev.eco.junit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.eco.server.EcoServer;
import dev.eco.server.testing.Faults;
import dev.eco.server.testing.RecordedFrame;
import dev.eco.server.testing.Recording;
import dev.eco.server.testing.Script;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;

/** {@code @EcoTest(faults = …, recordFrames = …)} and the test controls a test takes as parameters. */
@EcoTest(faults = "slice=3,pause=50ms", recordFrames = 10)
class TestControlsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void theAnnotationsFaultsAreOnAndTheClientStillGetsItsLineWhole(
            InetSocketAddress eco, Faults faults, Recording recording) throws Exception {
        assertEquals("slice=3,pause=50ms", faults.plan().toString());
        try (Socket socket = new Socket(eco.getAddress(), eco.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("hello, eco\n".getBytes(UTF_8));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            int reads = 0;
            while (got.size() < "hello, eco\n".length()) {
                byte[] chunk = new byte[64];
                int n = in.read(chunk);
                got.write(chunk, 0, n);
                reads++;
            }
            assertEquals("hello, eco\n", got.toString(UTF_8));
            assertEquals(true, reads > 1, "the line came in pieces, so the client had to put it together");
        }
        RecordedFrame sent = recording.takeFrame(WAIT).orElseThrow();
        assertEquals("hello, eco", sent.text());
        assertEquals(eco.getAddress(), sent.remote().getAddress());
    }

    @Test
    void aScriptAnswersInsteadOfTheEcho(InetSocketAddress eco, Script script, Faults faults) throws IOException {
        faults.clear();
        script.enqueue("+PONG");
        assertEquals("+PONG", Lines.echo(eco, "PING"));
        assertEquals("after the script", Lines.echo(eco, "after the script"));
    }

    @Test
    void theServerHandsOutTheSameControls(EcoServer server, Faults faults, Recording recording, Script script) {
        assertEquals(server.faults(), faults);
        assertEquals(server.recording(), recording);
        assertEquals(server.script(), script);
    }

    @EcoTest(faults = "latency=200")
    static class BadFaults {
        @Test
        void test() {}
    }

    @Test
    void aBadFaultSpecIsOneSentenceNamingTheClass() {
        Throwable thrown = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(BadFaults.class))
                .execute()
                .testEvents()
                .failed()
                .stream()
                .findFirst()
                .orElseThrow()
                .getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable)
                .orElseThrow();
        assertEquals(
                "@EcoTest(faults = \"latency=200\") on BadFaults: latency=200 needs a unit: latency=200ms or"
                        + " latency=200s (ms, s, m, h)",
                thrown.getMessage());
    }
}
