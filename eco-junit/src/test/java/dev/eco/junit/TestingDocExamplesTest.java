package dev.eco.junit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/testing.md's Java examples are ClientUnderFaultsTest's methods and client, shown as they are, so that
 * what readers paste is compiled and run.
 */
class TestingDocExamplesTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```\n", Pattern.DOTALL);

    @Test
    void everyJavaExampleIsInClientUnderFaultsTest() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "testing.md"));
        String source = Files.readString(
                Path.of("src", "test", "java", "dev", "eco", "junit", "example", "ClientUnderFaultsTest.java"));
        Matcher blocks = JAVA_BLOCK.matcher(doc);
        int shown = 0;
        while (blocks.find()) {
            String block = blocks.group(1);
            // Methods are shown without the class's indentation; the class line itself as it is.
            String indented = block.lines()
                    .map(line -> line.isEmpty() || line.startsWith("@EcoTest") || line.startsWith("class ")
                            ? line
                            : "    " + line)
                    .collect(Collectors.joining("\n", "", "\n"));
            assertTrue(
                    source.contains(indented) || source.contains(block),
                    "docs/testing.md shows code that ClientUnderFaultsTest.java does not have:\n" + block);
            shown++;
        }
        assertTrue(shown > 0, "docs/testing.md shows no Java example");
    }
}
