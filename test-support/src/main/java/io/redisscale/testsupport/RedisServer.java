package io.redisscale.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real redis-server of a test's own on a free port: one a test may stall ({@link #stall}) or stop without
 * touching the shared Redis other tests use.
 */
public final class RedisServer implements AutoCloseable {
    public final int port;
    private final Process process;
    private final Path dir;

    public RedisServer() throws IOException, InterruptedException {
        this.dir = Files.createTempDirectory("redis");
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
        process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--enable-debug-command", "local", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        if (!listening(port)) {
            close();
            throw new IllegalStateException("redis-server did not start: " + Files.readString(dir.resolve("redis.log")));
        }
    }

    /** Whether a server accepts connections on {@code port} within ten seconds. */
    static boolean listening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        return false;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /**
     * Makes the server answer nothing for {@code seconds} ({@code DEBUG SLEEP}), as a provider's change that drops
     * connections does; returns at once, with the server already stalled.
     */
    public void stall(int seconds) throws IOException, InterruptedException {
        Socket s = new Socket("127.0.0.1", port);
        OutputStream out = s.getOutputStream();
        out.write(("DEBUG SLEEP " + seconds + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread closer = new Thread(() -> {
            try (s) {
                s.getInputStream().read(); // the +OK once the sleep is over
            } catch (IOException ignored) {
                // the server went away: nothing to close cleanly
            }
        }, "redis-stall");
        closer.setDaemon(true);
        closer.start();
        // Stalled once a PING gets no answer within a short timeout.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                probe.setSoTimeout(200);
                probe.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                probe.getInputStream().read();
                Thread.sleep(20);
            } catch (java.net.SocketTimeoutException stalled) {
                return;
            }
        }
        throw new IllegalStateException("the server did not stall");
    }

    @Override
    public void close() {
        process.destroy();
    }
}
