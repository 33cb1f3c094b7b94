package dev.eco.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a user's tests get with eco-junit: the server, not the command line or the integrations. The enforcer
 * rule in this module's POM bans them as dependencies; this test also catches their classes compiled into a
 * module eco-junit depends on (as picocli's once were into app).
 */
class EcoJunitClassPathTest {

    /** One class of each library that must stay out: picocli, JLine, HdrHistogram, jnats, Prometheus, tinylog's implementation, and eco's own CLI, NATS and Prometheus modules. */
    private static final List<String> KEPT_OUT = List.of(
            "picocli.CommandLine",
            "org.jline.reader.LineReader",
            "org.HdrHistogram.Histogram",
            "io.nats.client.Connection",
            "io.prometheus.metrics.core.metrics.Counter",
            "org.tinylog.core.TinylogLoggingProvider",
            "dev.eco.cli.Main",
            "dev.eco.nats.NatsRooms",
            "dev.eco.prometheus.PrometheusMetrics");

    @Test
    void noneOfTheCommandLinesOrIntegrationsClassesIsOnTheClassPath() {
        List<String> found =
                KEPT_OUT.stream().filter(EcoJunitClassPathTest::loadable).toList();
        assertEquals(List.of(), found, "on eco-junit's class path, and so on every user's");
    }

    @Test
    void theServerItselfIs() {
        assertEquals(
                List.of("dev.eco.server.EcoServer", "dev.eco.protocol.Codec"),
                List.of("dev.eco.server.EcoServer", "dev.eco.protocol.Codec").stream()
                        .filter(EcoJunitClassPathTest::loadable)
                        .toList());
    }

    private static boolean loadable(String name) {
        try {
            Class.forName(name, false, EcoJunitClassPathTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
