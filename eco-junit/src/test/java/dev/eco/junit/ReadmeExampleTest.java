package dev.eco.junit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * README's tests in "eco in your tests" are classes of the {@code example} package, so that what readers paste
 * is compiled and run; NewcomerIT (integration-tests) builds them again in a project of their own. (The
 * package's other class, ClientUnderFaultsTest, is docs/testing.md's: TestingDocExamplesTest checks that one.)
 */
class ReadmeExampleTest {

    private static final Path EXAMPLES = Path.of("src", "test", "java", "dev", "eco", "junit", "example");
    private static final List<String> README_SHOWS = List.of("EchoClientTest.java", "UdpClientTest.java");

    @Test
    void readmeShowsEachExampleAsItIs() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (Path example : README_SHOWS.stream().map(EXAMPLES::resolve).toList()) {
            String source = Files.readString(example);
            // What README shows starts at the imports and leaves out the comment that says where it is shown.
            String shown = source.substring(source.indexOf("import static"))
                    .replaceFirst("(?m)^// README's example.*\n// in a package.*\n", "");
            assertTrue(
                    readme.contains("```java\n" + shown + "```\n"),
                    "README.md's example differs from " + example.getFileName());
        }
    }
}
