package dev.eco.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eco.protocol.Message.Nick;
import dev.eco.protocol.Message.Quit;
import dev.eco.protocol.Message.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Command words ignore the case of ASCII letters only. With Unicode's case folding {@code qu\u0131t} (dotless i)
 * was a quit and {@code /nic\u212A bob} (Kelvin sign) a nick. Found while writing TextCommandFuzzTest's oracle
 * (the fuzzer itself did not reach these three-byte characters); regression inputs
 * {@code fuzz/TextCommandFuzzTestInputs/everyLineIsAnEchoACommandOrADocumentedError/regression-*}.
 */
class CommandCaseTest {

    private static final Codec CODEC = new Codec();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "qu\u0131t",
                "QU\u0130T",
                "/qu\u0131t",
                "/p\u0131ng",
                "/nic\u212A bob",
                "/jo\u0130n lobby",
                "/who\u212A"
            })
    void unicodeLookalikesOfCommandLettersAreEchoed(String frame) {
        assertEquals(new Text(frame), CODEC.decode(frame, LineEnd.LF).request());
    }

    @Test
    void asciiLettersInAnyCaseAreStillCommands() {
        assertEquals(new Quit(), CODEC.decode(" QuIt ", LineEnd.LF).request());
        assertEquals(new Nick("Bob"), CODEC.decode("/NiCk Bob", LineEnd.LF).request());
    }
}
