package dev.eco.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real eco server on free loopback ports for each test of the class, closed after it, pass or fail. A
 * test (or a {@code @BeforeEach}, {@code @AfterEach} method) asks for it by parameter: {@code EcoServer},
 * or {@code InetSocketAddress} for the line protocol's TCP address.
 *
 * <pre>{@code
 * @EcoTest
 * class MyClientTest {
 *     @Test
 *     void echoes(InetSocketAddress eco) throws IOException { … }
 * }
 * }</pre>
 *
 * For a server of your own configuration, register {@link EcoServerExtension} in a field instead, or name
 * a static method here. A test may also take the server's {@code Faults}, {@code Recording} and
 * {@code Script} as parameters, to misbehave on purpose, see what its client sent and script the answers:
 *
 * <pre>{@code
 * @EcoTest(faults = "latency=200ms", recordFrames = 100)
 * class MyClientTest {
 *     @Test
 *     void retries(InetSocketAddress eco, Recording sent, Faults faults) throws Exception { … }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EcoServerExtension.class)
public @interface EcoTest {

    /** One server for all tests of the class (started before the first, closed after the last) instead of one per test. */
    boolean perClass() default false;

    /**
     * The name of a static method of the test class, without parameters, that returns the
     * {@code ServerConfig} to start with; empty (the default) for {@code ServerConfig.forTests()}.
     */
    String config() default "";

    /**
     * Faults on from the start, as {@code eco serve --fault} takes them ({@code "latency=200ms,jitter=50ms"},
     * several separated by {@code ;}), replacing those of the config; empty (the default) for none. The test
     * changes them while it runs through {@code server.faults()} or a {@code Faults} parameter.
     */
    String faults() default "";

    /**
     * Record the last this many frames clients send from the start, for {@code server.takeFrame(timeout)}; 0
     * (the default) records nothing until the test calls {@code server.recording().start()}.
     */
    int recordFrames() default 0;
}
