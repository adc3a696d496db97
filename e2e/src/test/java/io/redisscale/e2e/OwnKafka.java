package io.redisscale.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A Kafka broker (KRaft, one node) of the test's own, run from the jars {@code ./autoscaler} copies
 * from Maven Central ({@code deploy/kafka/target/libs}), so the test may stop and start it. Its data
 * outlives a stop, as a real broker's does.
 */
final class OwnKafka implements AutoCloseable {
    private final Path root = Path.of(System.getProperty("services.dir", ".."));
    private final Path libs = root.resolve("deploy/kafka/target/libs");
    private final Path dir;
    private final File log;
    final int port = TestServers.freePort();
    private final int controllerPort = TestServers.freePort();
    private Process broker;

    OwnKafka(File logs) throws IOException {
        if (!Files.isDirectory(libs)) {
            throw new IllegalStateException("no broker jars in " + libs + ": run 'mvn -f deploy/kafka/pom.xml package' "
                    + "(./autoscaler test does)");
        }
        dir = Files.createTempDirectory("e2e-kafka");
        log = new File(logs, "kafka.log");
        String config = Files.readString(root.resolve("deploy/kafka/server.properties.template"))
                .replace("@PORT@", String.valueOf(port)).replace("@CONTROLLER_PORT@", String.valueOf(controllerPort))
                .replace("@DATA@", dir.resolve("data").toString());
        Files.writeString(dir.resolve("server.properties"), config);
        String cluster = run(List.of(java(), "-cp", libs + "/*", "kafka.tools.StorageTool", "random-uuid")).trim();
        run(List.of(java(), "-Dlog4j2.configurationFile=" + root.resolve("deploy/kafka/log4j2.properties"), "-cp", libs + "/*",
                "kafka.tools.StorageTool", "format", "-t", cluster, "-c", dir.resolve("server.properties").toString(), "--standalone"));
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    void start() throws IOException {
        broker = new ProcessBuilder(java(), "-Xms128m", "-Xmx512m",
                "-Dlog4j2.configurationFile=" + root.resolve("deploy/kafka/log4j2.properties"), "-cp", libs + "/*", "kafka.Kafka",
                dir.resolve("server.properties").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        Awaitility.await("broker up").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            }
        });
    }

    /** A clean stop (SIGTERM), as for maintenance: the broker hands over and exits. */
    void stop() throws InterruptedException {
        broker.destroy();
        if (!broker.waitFor(60, TimeUnit.SECONDS)) {
            broker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String run(List<String> command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException(e));
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() throws Exception {
        if (broker != null && broker.isAlive()) {
            stop();
        }
    }
}
