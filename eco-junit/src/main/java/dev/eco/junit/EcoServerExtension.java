package dev.eco.junit;

import dev.eco.server.EcoServer;
import dev.eco.server.ServerConfig;
import java.lang.reflect.Constructor;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts an {@link EcoServer} for each test, on free loopback ports ({@link ServerConfig#forTests()}, or the
 * config given), and closes it after the test, however the test ended. Use it through {@link EcoTest}, or
 * register it in a field to choose the config or to reach the server from the field:
 *
 * <pre>{@code
 * @RegisterExtension
 * final EcoServerExtension eco = new EcoServerExtension(ServerConfig.forTests().toBuilder().greeting("hi").build());
 *
 * @RegisterExtension   // one server for the whole class: a static field
 * static final EcoServerExtension shared = EcoServerExtension.perClass();
 * }</pre>
 *
 * Tests and their {@code @BeforeEach}/{@code @AfterEach} methods may take the server as a parameter, typed
 * {@code EcoServer}, its line protocol's TCP address, typed {@code InetSocketAddress}, or its test controls,
 * typed {@code Faults}, {@code Recording} or {@code Script}. One extension per test class: two would both
 * offer those parameters.
 */
public final class EcoServerExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(EcoServerExtension.class);

    private final ServerConfig config;
    private final Boolean perClass;
    private volatile EcoServer server;

    /** A fresh server per test, from {@link ServerConfig#forTests()} (or from {@link EcoTest}, when used through it). */
    public EcoServerExtension() {
        this.config = null;
        this.perClass = null;
    }

    /** A fresh server per test, started from this config. */
    public EcoServerExtension(ServerConfig config) {
        this(Objects.requireNonNull(config, "config"), false);
    }

    private EcoServerExtension(ServerConfig config, boolean perClass) {
        this.config = config;
        this.perClass = perClass;
    }

    /** One server for all tests of the class, from {@link ServerConfig#forTests()}; register it in a static field. */
    public static EcoServerExtension perClass() {
        return perClass(ServerConfig.forTests());
    }

    /** One server for all tests of the class, started from this config; register it in a static field. */
    public static EcoServerExtension perClass(ServerConfig config) {
        return new EcoServerExtension(Objects.requireNonNull(config, "config"), true);
    }

    /** The running server: only while a test runs (for a per-class server, from {@code @BeforeAll} to {@code @AfterAll}). */
    public EcoServer server() {
        EcoServer running = server;
        if (running == null) {
            throw new IllegalStateException(
                    "the eco server runs only while a test runs: call server() from a test or from a"
                            + " @BeforeEach or @AfterEach method (from @BeforeAll too, with EcoServerExtension.perClass())");
        }
        return running;
    }

    /** The running server's line protocol address: {@code server().tcpAddress()}. */
    public InetSocketAddress tcpAddress() {
        return server().tcpAddress();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        // A @Nested class shares its enclosing class's server rather than starting one of its own.
        if (perClass(context) && running(context).isEmpty()) {
            start(context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (!perClass(context)) {
            start(context);
        } else if (running(context).isEmpty()) {
            throw new ExtensionConfigurationException(
                    "EcoServerExtension.perClass() must be registered in a static field:"
                            + " in an instance field it is registered too late to start before all tests");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass(context)) {
            stop(context);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (perClass(context)) {
            stop(context);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return ServerParameters.supports(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        EcoServer running = running(context)
                .orElseThrow(() -> new ExtensionConfigurationException(
                        "no eco server runs yet when " + describe(parameter) + " is called: a per-test server"
                                + " starts before each test, so only tests and @BeforeEach/@AfterEach methods can take it"
                                + " (constructors and @BeforeAll methods too with @EcoTest(perClass = true))"));
        return ServerParameters.resolve(parameter.getParameter().getType(), running);
    }

    private static String describe(ParameterContext parameter) {
        return parameter.getDeclaringExecutable() instanceof Constructor<?> constructor
                ? "the constructor of " + constructor.getDeclaringClass().getSimpleName()
                : parameter.getDeclaringExecutable().getName() + "()";
    }

    private void start(ExtensionContext context) throws Exception {
        EcoServer started = EcoServer.start(config(context));
        int recordFrames =
                config == null ? annotation(context).map(EcoTest::recordFrames).orElse(0) : 0;
        if (recordFrames > 0) {
            started.recording().start(recordFrames);
        }
        // The store closes what it holds when the test (or class) is done: a second guard after stop().
        context.getStore(NAMESPACE).put(this, started);
        server = started;
    }

    /** Closes the server this context started, if it started one (a nested class's context did not). */
    private void stop(ExtensionContext context) {
        EcoServer running = context.getStore(NAMESPACE).remove(this, EcoServer.class);
        if (running != null) {
            server = null;
            running.close();
        }
    }

    private Optional<EcoServer> running(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(this, EcoServer.class));
    }

    private boolean perClass(ExtensionContext context) {
        return perClass != null
                ? perClass
                : annotation(context).map(EcoTest::perClass).orElse(false);
    }

    private ServerConfig config(ExtensionContext context) {
        if (config != null) {
            return config;
        }
        return annotation(context)
                .map(eco -> ConfigMethod.config(eco, context.getRequiredTestClass()))
                .orElseGet(ServerConfig::forTests);
    }

    /** The {@link EcoTest} of the test class, or of the class a {@code @Nested} class is in. */
    private static Optional<EcoTest> annotation(ExtensionContext context) {
        for (Optional<ExtensionContext> at = Optional.of(context);
                at.isPresent();
                at = at.get().getParent()) {
            Optional<EcoTest> found =
                    at.get().getTestClass().flatMap(type -> AnnotationSupport.findAnnotation(type, EcoTest.class));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
