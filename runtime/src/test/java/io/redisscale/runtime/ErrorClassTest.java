package io.redisscale.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.VertxException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorClassTest {
    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new UnknownHostException("no-such-host.invalid"), "dns"),
                Arguments.of(new RuntimeException("wrapped", new UnknownHostException("x")), "dns"),
                Arguments.of(new ConnectException("Connection refused: /127.0.0.1:1"), "refused"),
                Arguments.of(new TimeoutException(), "timeout"),
                // An await().atMost() that ran out (the actuator's availability probe).
                Arguments.of(new io.smallrye.mutiny.TimeoutException(), "timeout"),
                Arguments.of(new VertxException("connection timed out: /10.255.255.1:6379"), "timeout"),
                Arguments.of(new SSLHandshakeException("PKIX path building failed"), "tls"),
                Arguments.of(new VertxException("WRONGPASS invalid username-password pair"), "auth"),
                Arguments.of(new VertxException("NOAUTH Authentication required."), "auth"),
                Arguments.of(new io.netty.channel.ChannelException("Failed to open a socket.",
                        new java.net.SocketException("Too many open files")), "file_limit"),
                Arguments.of(new IllegalStateException("something else"), "other"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failures")
    void namesTheCause(Throwable failure, String expected) {
        assertEquals(expected, ErrorClass.of(failure));
    }
}
