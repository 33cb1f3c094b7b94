package dev.eco.junit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README's test of "eco in your tests" is EchoClientTest, so that what readers paste is compiled and run. */
class ReadmeExampleTest {

    @Test
    void readmeShowsEchoClientTestAsItIs() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String source = Files.readString(
                Path.of("src", "test", "java", "dev", "eco", "junit", "example", "EchoClientTest.java"));
        // What README shows starts at the imports and leaves out the comment that says where it is shown.
        String shown = source.substring(source.indexOf("import static"))
                .replaceFirst("(?m)^// README's example.*\n// in a package.*\n", "");
        assertTrue(
                readme.contains("```java\n" + shown + "```\n"), "README.md's example differs from EchoClientTest.java");
    }
}
