package dev.eco.it.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eco.it.support.EcoProcess;
import dev.eco.it.support.Scrape;
import dev.eco.it.support.TestClient;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Faults from the command line and at run time on the metrics port, on the real {@code eco} process: what
 * {@code eco serve --fault} and {@code curl -X PUT …/faults} do for a client test in any language.
 */
class FaultsAdminIT {

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

    private static HttpResponse<String> call(String method, String host, int port, String body)
            throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/faults"))
                    .timeout(HTTP_TIMEOUT)
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static HttpResponse<String> call(String method, int port, String body)
            throws IOException, InterruptedException {
        return call(method, "127.0.0.1", port, body);
    }

    @Test
    void faultsFromTheCommandLineAreChangedAtRunTimeAndActOnOpenConnectionsAtTheirNextReply() throws Exception {
        try (EcoProcess eco = EcoProcess.serve(
                "--port", "0", "--udp-port", "off", "--metrics-port", "0", "--fault", "latency=300ms")) {
            int admin = eco.port("metrics");
            assertEquals("latency=300ms\n", call("GET", admin, null).body());
            try (TestClient client = TestClient.connect(eco.address("tcp"))) {
                long sent = System.nanoTime();
                assertEquals("held", client.roundTrip("held"));
                assertTrue(Duration.ofNanos(System.nanoTime() - sent).toMillis() >= 300, "the reply came early");

                HttpResponse<String> put = call("PUT", admin, "close-after=2");
                assertEquals(200, put.statusCode(), put.body());
                assertEquals("close-after=2\n", put.body());
                client.sendLine("cut");
                assertEquals("cu", new String(client.readBytes(2), java.nio.charset.StandardCharsets.UTF_8));
                assertEquals(-1, client.in().read(), "the open connection's next reply was cut, then closed");
            }

            HttpResponse<String> bad = call("PUT", admin, "latency=200");
            assertEquals(400, bad.statusCode());
            assertEquals("latency=200 needs a unit: latency=200ms or latency=200s (ms, s, m, h)\n", bad.body());
            assertEquals("close-after=2\n", call("GET", admin, null).body(), "a bad spec changes nothing");

            assertEquals("none\n", call("DELETE", admin, null).body());
            try (TestClient client = TestClient.connect(eco.address("tcp"))) {
                assertEquals("whole again", client.roundTrip("whole again"));
            }

            Scrape scrape = Scrape.of(admin);
            assertEquals(1, scrape.value("eco_faults_applied_total{fault=\"close_after\"}"));
            assertEquals(1, scrape.value("eco_faults_applied_total{fault=\"latency\"}"));
            assertEquals(1, scrape.value("eco_connections_closed_total{listener=\"tcp\",reason=\"fault\"}"));
            await().atMost(HTTP_TIMEOUT)
                    .untilAsserted(() -> assertEquals(
                            List.of(
                                    "faults on: latency=300ms (were: none)",
                                    "faults on: close-after=2 (were: latency=300ms)",
                                    "faults off (were: close-after=2)"),
                            eco.stderr().stream()
                                    .filter(line -> line.contains("faults "))
                                    .map(line -> line.substring(line.indexOf("faults ")))
                                    .toList(),
                            "each change logged once"));
        }
    }

    @Test
    void theEnvironmentVariableTakesSeveralSpecs() throws Exception {
        try (EcoProcess eco = EcoProcess.serve(
                Map.of("ECO_FAULT", "latency=10ms,jitter=5ms;drop=10%"),
                "--port",
                "0",
                "--udp-port",
                "off",
                "--metrics-port",
                "0")) {
            assertEquals(
                    "latency=10ms,jitter=5ms\ndrop=10%\n",
                    call("GET", eco.port("metrics"), null).body());
        }
    }

    @Test
    void aBadSpecIsOneSentenceAndExitStatusTwo() throws Exception {
        EcoProcess.Result flag = EcoProcess.run("serve", "--port", "0", "--fault", "latency=200");
        assertEquals(2, flag.exitCode(), flag.toString());
        assertEquals(
                List.of(
                        "eco serve: --fault: latency=200 needs a unit: latency=200ms or"
                                + " latency=200s (ms, s, m, h)",
                        "Try 'eco serve --help'."),
                flag.stderr());
        EcoProcess.Result env = EcoProcess.run(Map.of("ECO_FAULT", "drop=10"), "serve", "--port", "0");
        assertEquals(2, env.exitCode(), env.toString());
        assertEquals(
                "eco serve: environment variable ECO_FAULT: drop=10 needs a %: drop=10%",
                env.stderr().getFirst());
    }

    @Test
    void onlyClientsOnThisMachineMayUseItByDefault() throws Exception {
        Optional<InetAddress> outside = nonLoopbackAddress();
        assumeTrue(outside.isPresent(), "this machine has no address besides loopback to call from");
        try (EcoProcess eco = EcoProcess.serve(
                "--port", "0", "--udp-port", "off", "--metrics-port", "0", "--metrics-host", "0.0.0.0")) {
            int admin = eco.port("metrics");
            HttpResponse<String> refused = call("PUT", outside.get().getHostAddress(), admin, "blackhole");
            assertEquals(403, refused.statusCode(), refused.body());
            assertEquals("none\n", call("GET", admin, null).body(), "nothing changed");
            assertEquals(200, Scrape.health(admin), "the rest of the port is as before");
        }
    }

    @Test
    void faultAdminOffLeavesNoFaultsPath() throws Exception {
        try (EcoProcess eco =
                EcoProcess.serve("--port", "0", "--udp-port", "off", "--metrics-port", "0", "--fault-admin", "off")) {
            HttpResponse<String> response = call("PUT", eco.port("metrics"), "blackhole");
            assertEquals(404, response.statusCode());
            assertEquals("not found: eco serves /metrics and /health\n", response.body());
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(network -> {
                    try {
                        return network.isUp() && !network.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address)
                .findFirst();
    }
}
