package dev.eco.junit;

import dev.eco.server.ServerConfig;
import dev.eco.server.testing.FaultPlan;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The server's config as {@link EcoTest} asks for it: from the static method {@link EcoTest#config()} names
 * (or {@link ServerConfig#forTests()}), with the faults of {@link EcoTest#faults()}.
 */
final class ConfigMethod {

    private ConfigMethod() {}

    static ServerConfig config(EcoTest eco, Class<?> testClass) {
        ServerConfig base = eco.config().isEmpty() ? ServerConfig.forTests() : invoke(testClass, eco.config());
        if (eco.faults().isBlank()) {
            return base;
        }
        try {
            return base.toBuilder().faults(FaultPlan.parse(eco.faults())).build();
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("@EcoTest(faults = \"" + eco.faults() + "\") on "
                    + testClass.getSimpleName() + ": " + e.getMessage());
        }
    }

    static ServerConfig invoke(Class<?> testClass, String name) {
        Method method = ReflectionSupport.findMethod(testClass, name)
                .orElseThrow(() -> problem(testClass, name, "there is no method of that name without parameters"));
        if (!Modifier.isStatic(method.getModifiers())) {
            throw problem(testClass, name, "it must be static");
        }
        if (!ServerConfig.class.isAssignableFrom(method.getReturnType())) {
            throw problem(
                    testClass,
                    name,
                    "it must return a ServerConfig, not "
                            + method.getReturnType().getSimpleName());
        }
        Object config = ReflectionSupport.invokeMethod(method, null);
        if (config == null) {
            throw problem(testClass, name, "it returned null");
        }
        return (ServerConfig) config;
    }

    private static ExtensionConfigurationException problem(Class<?> testClass, String name, String why) {
        return new ExtensionConfigurationException("@EcoTest(config = \"" + name + "\") on " + testClass.getSimpleName()
                + " names a method that cannot give the server's config: " + why);
    }
}
