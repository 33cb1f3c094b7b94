package dev.eco.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.eco.server.EcoServer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * When servers start and stop, seen from outside: each case is a test class run by the JUnit engine itself
 * (EngineTestKit), so that tests meant to fail can fail, and what their servers did is checked afterwards.
 * The classes below are nested and static, which surefire does not run on its own.
 */
class LifecycleTest {

    /** Every server the classes below were given, in order. */
    static final List<EcoServer> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void forget() {
        seen.clear();
    }

    @EcoTest
    static class Failing {
        @Test
        void fails(EcoServer server) {
            seen.add(server);
            fail("this test fails on purpose");
        }

        @Test
        void throwsSomethingElse(InetSocketAddress tcp) {
            seen.add(null);
            throw new IllegalStateException("and this one throws");
        }
    }

    @Test
    void aFailingTestsServerIsClosedAllTheSame() throws Exception {
        run(Failing.class)
                .testEvents()
                .assertStatistics(stats -> stats.started(2).failed(2));
        assertEquals(2, seen.size());
        EcoServer server = seen.stream().filter(s -> s != null).findFirst().orElseThrow();
        assertTrue(Lines.refused(server.tcpAddress()), "the failed test's server no longer listens");
    }

    @EcoTest
    static class FailingBeforeEach {
        @BeforeEach
        void before(EcoServer server) {
            seen.add(server);
            throw new IllegalStateException("set-up fails on purpose");
        }

        @Test
        void neverRuns() {}
    }

    @Test
    void aServerIsClosedWhenTheTestsOwnSetUpFails() throws Exception {
        run(FailingBeforeEach.class).testEvents().assertStatistics(stats -> stats.failed(1));
        assertTrue(Lines.refused(seen.getFirst().tcpAddress()));
    }

    @EcoTest
    static class TwoCases {
        @Test
        void first(EcoServer server) throws Exception {
            seen.add(server);
            assertEquals("one", Lines.echo(server.tcpAddress(), "one"));
        }

        @Test
        void second(EcoServer server) throws Exception {
            seen.add(server);
            assertEquals("two", Lines.echo(server.tcpAddress(), "two"));
        }
    }

    @Test
    void eachTestGetsAFreshServer() throws Exception {
        run(TwoCases.class)
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(2).failed(0));
        assertEquals(2, seen.size());
        assertNotSame(seen.get(0), seen.get(1));
        for (EcoServer server : seen) {
            assertTrue(Lines.refused(server.tcpAddress()));
        }
    }

    @EcoTest(perClass = true)
    static class SharedByTheClass {
        static EcoServer fromBeforeAll;

        @BeforeAll
        static void beforeAll(EcoServer server) {
            fromBeforeAll = server;
        }

        @Test
        void first(EcoServer server) {
            seen.add(server);
            assertSame(fromBeforeAll, server);
        }

        @Test
        void second(EcoServer server) {
            seen.add(server);
            fail("a failure does not close a per-class server early");
        }

        @Nested
        class Inner {
            @Test
            void third(EcoServer server) {
                seen.add(server);
            }
        }
    }

    @Test
    void aPerClassServerServesEveryTestOfTheClassThenCloses() throws Exception {
        run(SharedByTheClass.class)
                .testEvents()
                .assertStatistics(stats -> stats.started(3).succeeded(2).failed(1));
        assertEquals(3, seen.size());
        assertSame(seen.get(0), seen.get(1));
        assertSame(seen.get(0), seen.get(2), "a @Nested class shares it");
        assertTrue(Lines.refused(seen.getFirst().tcpAddress()));
    }

    static class RegisteredPerClass {
        @RegisterExtension
        static final EcoServerExtension eco = EcoServerExtension.perClass();

        @Test
        void first() {
            seen.add(eco.server());
        }

        @Test
        void second(EcoServer server) {
            seen.add(server);
        }
    }

    @Test
    void aStaticPerClassFieldIsOneServerToo() throws Exception {
        run(RegisteredPerClass.class).testEvents().assertStatistics(stats -> stats.succeeded(2));
        assertSame(seen.get(0), seen.get(1));
        assertTrue(Lines.refused(seen.getFirst().tcpAddress()));
    }

    static class PerClassInAnInstanceField {
        @RegisterExtension
        final EcoServerExtension eco = EcoServerExtension.perClass();

        @Test
        void test() {}
    }

    @Test
    void aPerClassServerInAnInstanceFieldIsToldToBeStatic() {
        assertEquals(
                "EcoServerExtension.perClass() must be registered in a static field: in an instance field it is"
                        + " registered too late to start before all tests",
                onlyFailure(run(PerClassInAnInstanceField.class).testEvents()));
    }

    @EcoTest(config = "missing")
    static class MissingConfigMethod {
        @Test
        void test() {}
    }

    @EcoTest(config = "notStatic")
    static class InstanceConfigMethod {
        dev.eco.server.ServerConfig notStatic() {
            return dev.eco.server.ServerConfig.forTests();
        }

        @Test
        void test() {}
    }

    @Test
    void aConfigMethodThatCannotBeCalledIsNamedInTheFailure() {
        assertEquals(
                "@EcoTest(config = \"missing\") on MissingConfigMethod names a method that cannot give the server's"
                        + " config: there is no method of that name without parameters",
                onlyFailure(run(MissingConfigMethod.class).testEvents()));
        assertEquals(
                "@EcoTest(config = \"notStatic\") on InstanceConfigMethod names a method that cannot give the server's"
                        + " config: it must be static",
                onlyFailure(run(InstanceConfigMethod.class).testEvents()));
    }

    @EcoTest
    static class ServerInTheConstructor {
        ServerInTheConstructor(EcoServer server) {}

        @Test
        void test() {}
    }

    @Test
    void aPerTestServerCannotBeGivenToTheConstructor() {
        String failure = onlyFailure(run(ServerInTheConstructor.class).testEvents());
        assertTrue(
                failure.endsWith(
                        "no eco server runs yet when the constructor of ServerInTheConstructor is called: a per-test"
                                + " server starts before each test, so only tests and @BeforeEach/@AfterEach methods can take it (constructors and"
                                + " @BeforeAll methods too with @EcoTest(perClass = true))"),
                failure);
    }

    private static EngineExecutionResults run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(testClass))
                .execute();
    }

    private static String onlyFailure(Events events) {
        events.assertStatistics(stats -> stats.failed(1));
        Throwable thrown = events.failed().stream()
                .findFirst()
                .orElseThrow()
                .getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable)
                .orElseThrow();
        return thrown.getMessage();
    }
}
