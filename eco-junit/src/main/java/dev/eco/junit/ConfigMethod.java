package dev.eco.junit;

import dev.eco.server.ServerConfig;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.ReflectionSupport;

/** The static method that {@link EcoTest#config()} names, called to get the server's config. */
final class ConfigMethod {

    private ConfigMethod() {}

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
