package dev.eco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code --help} as a person reads it: the commands in README's order, and no option text broken or noisy. */
class HelpTextTest {

    /** Words this long may be broken by any wrapping: no column holds them. */
    private static final int LONGEST_WORD_KEPT_WHOLE = 40;

    @Test
    void theCommandsAreListedInReadmesOrder() {
        String help = Main.commandLine().getUsageMessage();
        List<String> listed = help.lines()
                .dropWhile(line -> !line.equals("Commands:"))
                .skip(1)
                .filter(line -> line.matches("  \\S.*"))
                .map(line -> line.strip().split(" ", 2)[0])
                .toList();
        assertEquals(List.of("serve", "chat", "send", "bench", "fanout", "help"), listed, help);
    }

    @Test
    void noOptionShowsAnEmptyOrMeaninglessDefault() {
        for (CommandLine command : Main.commandLine().getSubcommands().values()) {
            String help = command.getUsageMessage();
            for (String noise : List.of("Default: []", "Default: null", "Default: false")) {
                assertFalse(help.contains(noise), command.getCommandName() + " --help shows " + noise + ":\n" + help);
            }
        }
    }

    @Test
    void noWordOfAnOptionsDescriptionIsSplitAcrossLines() {
        List<String> broken = new ArrayList<>();
        for (CommandLine command : Main.commandLine().getSubcommands().values()) {
            String help = command.getUsageMessage();
            for (OptionSpec option : command.getCommandSpec().options()) {
                Arrays.stream(option.description())
                        .flatMap(line -> Arrays.stream(line.split("\\s+")))
                        .filter(word -> word.length() <= LONGEST_WORD_KEPT_WHOLE && !help.contains(word))
                        .forEach(word ->
                                broken.add(command.getCommandName() + " " + option.longestName() + ": " + word));
            }
        }
        assertTrue(broken.isEmpty(), "words wrapped in the middle: " + broken);
    }

    @Test
    void serveSaysWhereTheListeningLinesGo() {
        String help = Main.commandLine(new String[] {"serve"})
                .getSubcommands()
                .get("serve")
                .getUsageMessage();
        assertTrue(help.replaceAll("\\s+", " ").contains("line per listener on standard output"), help);
    }
}
