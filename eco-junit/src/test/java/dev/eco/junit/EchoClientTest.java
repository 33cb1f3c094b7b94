package dev.eco.junit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;

// README's example, exactly as it is printed there (but for the package line): it must compile and pass.
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
