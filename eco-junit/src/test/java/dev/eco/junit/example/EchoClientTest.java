package dev.eco.junit.example;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eco.junit.EcoTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;

// README's example, exactly as it is printed there (but for the package line): it must compile and pass. It is
// in a package of its own, as a user's test is, so that it imports what a user's test imports.
@EcoTest
class EchoClientTest {

    @Test
    void myClientGetsItsLineBack(InetSocketAddress eco) throws IOException {
        try (Socket socket = new Socket(eco.getAddress(), eco.getPort());
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8))) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("hello, eco\n".getBytes(UTF_8));
            assertEquals("hello, eco", in.readLine());
        }
    }
}
