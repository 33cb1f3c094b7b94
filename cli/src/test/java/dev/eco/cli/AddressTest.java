package dev.eco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

/** Every client reads the server the same way; a lone number is a port, never a host. */
class AddressTest {

    @Command(name = "t")
    static final class Dummy {}

    private static final CommandLine CLI = new CommandLine(new Dummy());

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "7777              | 127.0.0.1   | 7777 | 1",
                "localhost 7777    | localhost   | 7777 | 2",
                "localhost:7777    | localhost   | 7777 | 1",
                ":7777             | 127.0.0.1   | 7777 | 1",
                "[::1]:7777        | ::1         | 7777 | 1",
                "[::1] 7777        | ::1         | 7777 | 2",
                "::1 7777          | ::1         | 7777 | 2",
                "10.0.0.1 7 hello  | 10.0.0.1    | 7    | 2",
                "7 7               | 127.0.0.1   | 7    | 1",
            })
    void readsEachForm(String operands, String host, int port, int taken) {
        Address.Taken t = Address.take(List.of(operands.split(" ")), CLI);
        assertEquals(new Address(host, port), t.address());
        assertEquals(taken, t.operands());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "localhost          | 'localhost' needs a port: give the server as PORT, HOST PORT, HOST:PORT or [IPv6]:PORT",
                "localhost hello    | 'localhost' needs a port: give the server as PORT, HOST PORT, HOST:PORT or [IPv6]:PORT",
                "70000              | '70000' is not a port to connect to: use 1 to 65535",
                "0                  | '0' is not a port to connect to: use 1 to 65535",
                "localhost:x        | 'x' is not a port to connect to: use 1 to 65535",
                "[::1]:99999        | '99999' is not a port to connect to: use 1 to 65535",
            })
    void refusesWithOneSentence(String operands, String sentence) {
        ParameterException e =
                assertThrows(ParameterException.class, () -> Address.take(List.of(operands.split(" ")), CLI));
        assertEquals(sentence, e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"'', 127.0.0.1, 9999", "8080, 127.0.0.1, 8080", "'example.org 80', example.org, 80"})
    void onlyTakesTheWholeListOrTheFallback(String operands, String host, int port) {
        List<String> list = operands.isEmpty() ? List.of() : List.of(operands.split(" "));
        assertEquals(new Address(host, port), Address.only(list, new Address("127.0.0.1", 9999), CLI));
    }

    @org.junit.jupiter.api.Test
    void somethingAfterTheAddressIsRefused() {
        ParameterException e = assertThrows(
                ParameterException.class, () -> Address.only(List.of("127.0.0.1", "9999", "more"), null, CLI));
        assertEquals(
                "unexpected 'more' after the server address (PORT, HOST PORT, HOST:PORT or [IPv6]:PORT)",
                e.getMessage());
    }
}
