package io.redisscale.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real redis-server speaking only TLS with a freshly made self-signed certificate, as Heroku Redis does. */
public final class TlsRedisServer implements AutoCloseable {
    public final int port;
    public final String password;
    private final Process process;
    private final Path dir;

    public TlsRedisServer(String password) throws IOException, InterruptedException {
        this.password = password;
        this.dir = Files.createTempDirectory("tls-redis");
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=redis.internal",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString());
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
        process = new ProcessBuilder("redis-server", "--port", "0", "--tls-port", String.valueOf(port),
                "--bind", "127.0.0.1", "--tls-cert-file", dir.resolve("cert.pem").toString(),
                "--tls-key-file", dir.resolve("key.pem").toString(), "--tls-ca-cert-file", dir.resolve("cert.pem").toString(),
                "--tls-auth-clients", "no", "--requirepass", password, "--save", "", "--appendonly", "no",
                "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        if (!RedisServer.listening(port)) {
            close();
            throw new IllegalStateException("TLS redis-server did not start: " + Files.readString(dir.resolve("redis.log")));
        }
    }

    public String url(String pass) {
        return "rediss://:" + pass + "@127.0.0.1:" + port;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
