package dev.eco.junit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** A line to the server and a line back, and whether anything listens on an address. */
final class Lines {

    private Lines() {}

    /** Connects, reads the greeting when {@code greeting} is true, then sends {@code line} and returns the reply. */
    static String[] exchange(InetSocketAddress address, boolean greeting, String line) throws IOException {
        try (Socket socket = new Socket(address.getAddress(), address.getPort());
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8))) {
            socket.setSoTimeout(5_000);
            String first = greeting ? in.readLine() : null;
            socket.getOutputStream().write((line + "\n").getBytes(UTF_8));
            return new String[] {first, in.readLine()};
        }
    }

    static String echo(InetSocketAddress address, String line) throws IOException {
        return exchange(address, false, line)[1];
    }

    /** True when a connect to {@code address} is refused: nothing listens there any more. */
    static boolean refused(InetSocketAddress address) throws IOException {
        try (Socket _ = new Socket(address.getAddress(), address.getPort())) {
            return false;
        } catch (ConnectException e) {
            return true;
        }
    }
}
