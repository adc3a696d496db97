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

    /** The SSL listener's port, when the broker has one. */
    final int sslPort = TestServers.freePort();
    /** The SASL_SSL (SCRAM-SHA-512) listener's port, when the broker has one; its user and password. */
    final int saslPort = TestServers.freePort();
    static final String SCRAM_USER = "autoscaler";
    static final String SCRAM_PASSWORD = "scram-secret";

    OwnKafka(File logs) throws IOException {
        this(logs, null);
    }

    /**
     * With {@code certs}, two more listeners: SSL on {@link #sslPort}, which requires a client certificate
     * signed by their CA, and SASL_SSL on {@link #saslPort}, which requires a SCRAM-SHA-512 login; the
     * PLAINTEXT one stays for the broker itself and the test's own observers.
     */
    OwnKafka(File logs, TestCerts certs) throws IOException {
        if (!Files.isDirectory(libs)) {
            throw new IllegalStateException("no broker jars in " + libs + ": run 'mvn -f deploy/kafka/pom.xml package' "
                    + "(./autoscaler test does)");
        }
        dir = Files.createTempDirectory("e2e-kafka");
        log = new File(logs, "kafka.log");
        String config = Files.readString(root.resolve("deploy/kafka/server.properties.template"))
                .replace("@PORT@", String.valueOf(port)).replace("@CONTROLLER_PORT@", String.valueOf(controllerPort))
                .replace("@DATA@", dir.resolve("data").toString());
        if (certs != null) {
            // Later keys win when a properties file is read.
            String listeners = "PLAINTEXT://127.0.0.1:" + port + ",SSL://127.0.0.1:" + sslPort + ",SASL_SSL://127.0.0.1:" + saslPort
                    + ",CONTROLLER://127.0.0.1:" + controllerPort;
            config += "\nlisteners=" + listeners + "\nadvertised.listeners=" + listeners
                    + "\nlistener.security.protocol.map=PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT"
                    + "\nsasl.enabled.mechanisms=SCRAM-SHA-512"
                    + "\nlistener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;"
                    + "\nlistener.name.sasl_ssl.ssl.client.auth=none"
                    + "\nssl.keystore.type=PKCS12\nssl.keystore.location=" + certs.brokerKeystore()
                    + "\nssl.keystore.password=" + TestCerts.PASSWORD + "\nssl.key.password=" + TestCerts.PASSWORD
                    + "\nssl.truststore.type=PKCS12\nssl.truststore.location=" + certs.truststore()
                    + "\nssl.truststore.password=" + TestCerts.PASSWORD + "\nssl.client.auth=required\n";
        }
        Files.writeString(dir.resolve("server.properties"), config);
        String cluster = run(List.of(java(), "-cp", libs + "/*", "kafka.tools.StorageTool", "random-uuid")).trim();
        run(List.of(java(), "-Dlog4j2.configurationFile=" + root.resolve("deploy/kafka/log4j2.properties"), "-cp", libs + "/*",
                "kafka.tools.StorageTool", "format", "-t", cluster, "-c", dir.resolve("server.properties").toString(), "--standalone",
                "--add-scram", "SCRAM-SHA-512=[name=" + SCRAM_USER + ",password=" + SCRAM_PASSWORD + "]"));
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    void start() throws IOException {
        broker = new ProcessBuilder(java(), "-Xms128m", "-Xmx512m",
                "-Dlog4j2.configurationFile=" + root.resolve("deploy/kafka/log4j2.properties"), "-cp", libs + "/*", "kafka.Kafka",
                dir.resolve("server.properties").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        Awaitility.await("broker up").atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
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
