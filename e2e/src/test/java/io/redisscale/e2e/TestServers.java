package io.redisscale.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import io.redisscale.testsupport.TestInfra;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.awaitility.Awaitility;

/**
 * Starts what the end-to-end tests run against: a Redis of their own, and the four packaged services
 * as processes, each on a free port. The broker and PostgreSQL are those {@link TestInfra} chose, or
 * those a test runs itself.
 */
final class TestServers implements AutoCloseable {
    static final String API_TOKEN = "e2e-token";
    static final List<String> SERVICES = List.of("collector", "decision", "actuator", "notifier");
    /** The broker {@link TestInfra} chose. */
    static String sharedKafka() {
        return TestInfra.endpoints().kafka();
    }

    private final String kafka;
    private final String jdbcUrl;
    private final String dbUser;
    private final String dbPassword;
    private final List<String> jvmOptions;
    private final List<Process> processes = new ArrayList<>();
    private final Map<String, Process> named = new HashMap<>();
    final Map<String, Integer> ports = new HashMap<>();
    private final Map<String, Integer> reserved = new HashMap<>();
    final HttpClient http = HttpClient.newHttpClient();

    /** On {@link TestInfra}'s broker and database. */
    TestServers() {
        this(TestInfra.endpoints().kafka(), TestInfra.endpoints().jdbcUrl(), TestInfra.endpoints().dbUser(),
                TestInfra.endpoints().dbPassword(), List.of());
    }

    /** On the given broker and database; {@code jvmOptions} go to every service's JVM. */
    TestServers(String kafka, String jdbcUrl, String dbUser, String dbPassword, List<String> jvmOptions) {
        this.kafka = kafka;
        this.jdbcUrl = jdbcUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.jvmOptions = jvmOptions;
    }

    /** Runs one redis-cli command against the Redis on {@code port}; returns its output. */
    static String redis(int port, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-p", String.valueOf(port)));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("redis-cli " + cmd + ": " + out);
        }
        return out;
    }

    /** About {@code keys} KB of values in the Redis on {@code port}, written by Lua in one call. */
    static void fill(int port, int keys) throws IOException, InterruptedException {
        redis(port, "EVAL", "for i=1," + keys + " do redis.call('SET','k'..i,string.rep('x',1000)) end return 1", "0");
    }

    /** A redis-server of the test's own, so no other Redis is touched. */
    int startRedis(long maxmemory) throws IOException {
        return startRedis(maxmemory, freePort());
    }

    /** The same on a given port (0 maxmemory: no limit). */
    int startRedis(long maxmemory, int port) throws IOException {
        Path dir = Files.createTempDirectory("e2e-redis");
        start("redis-" + port, List.of("redis-server", "--bind", "127.0.0.1", "--port", String.valueOf(port),
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--maxmemory", String.valueOf(maxmemory),
                "--maxmemory-policy", "noeviction"), Map.of());
        awaitPort(port);
        return port;
    }

    /** GreenMail standalone: SMTP on the first port, its REST API (mailboxes) on the second. */
    int[] startSmtp() {
        return startSmtp(freePort(), freePort());
    }

    /** GreenMail on the given ports (again after a stop: its mailboxes start empty). */
    int[] startSmtp(int smtp, int api) {
        named.put("smtp", start("smtp", List.of(javaBin(), "-Xmx128m", "-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + smtp,
                "-Dgreenmail.auth.disabled", "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + api,
                "-jar", System.getProperty("greenmail.jar", "target/greenmail-standalone.jar")), Map.of()));
        awaitPort(smtp);
        awaitPort(api);
        ports.put("smtp-api", api);
        return new int[] {smtp, api};
    }

    /** Deletes the system's topics so the services start on an empty broker. */
    static void emptyBroker() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.endpoints().kafka()))) {
            Set<String> ours = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith("autoscaler.")).collect(Collectors.toSet());
            admin.deleteTopics(ours).all().get(30, TimeUnit.SECONDS);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> admin.listTopics().names().get().stream()
                    .noneMatch(t -> t.startsWith("autoscaler.")));
        }
    }

    /** The services' readiness and liveness paths (SmallRye Health), as the deployment files probe them. */
    static final String READY_PATH = "/q/health/ready";
    static final String LIVE_PATH = "/q/health/live";

    void startServices(Map<String, String> env) {
        // Ports chosen first: the collector's dashboard is told where the others answer.
        for (String s : SERVICES) {
            reserved.put(s, freePort());
        }
        for (String s : SERVICES) {
            startService(s, s, env);
        }
        for (String s : SERVICES) {
            awaitReady(s);
        }
    }

    /** Starts one packaged service under {@code name} (a second collector replica, say) on a free port. */
    void startService(String service, String name, Map<String, String> env) {
        {
            String s = service;
            Integer chosen = reserved.remove(name);
            int port = chosen != null ? chosen : freePort();
            ports.put(name, port);
            Map<String, String> all = new HashMap<>();
            for (String peer : List.of("decision", "actuator", "notifier")) {
                Integer at = ports.containsKey(peer) ? ports.get(peer) : reserved.get(peer);
                if (at != null) {
                    all.put(peer.toUpperCase() + "_URL", "http://127.0.0.1:" + at);
                }
            }
            all.put(s.toUpperCase() + "_PORT", String.valueOf(port));
            all.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
            all.put("DB_URL", jdbcUrl);
            all.put("DB_USER", dbUser);
            all.put("DB_PASSWORD", dbPassword);
            all.put("AUTOSCALER_SECRET_KEY", "e2e-secret");
            all.put("AUTOSCALER_API_TOKENS", API_TOKEN);
            // Each run starts from empty schemas.
            all.put("QUARKUS_FLYWAY_CLEAN_AT_START", "true");
            all.put("QUARKUS_FLYWAY_CLEAN_DISABLED", "false");
            all.putAll(env);
            all.values().removeIf(java.util.Objects::isNull); // a null in env: that variable is not set at all
            String jar = System.getProperty("services.dir", "..") + "/" + s + "-service/target/quarkus-app/quarkus-run.jar";
            List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx256m"));
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar));
            named.put(name, start(name, command, all));
        }
    }

    void awaitReady(String name) {
        Awaitility.await(name + " ready").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> get(name, READY_PATH).statusCode() == 200);
        // The liveness path the Kubernetes manifests probe answers too.
        Awaitility.await(name + " live").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> get(name, LIVE_PATH).statusCode() == 200);
    }

    /** Kills a started process at once, as a crash would: no shutdown hooks, no goodbye to Kafka. */
    void kill(String name) throws InterruptedException {
        Process p = named.get(name);
        p.destroyForcibly();
        p.waitFor(20, TimeUnit.SECONDS);
    }

    /** The operating system's id of a started process (to read its CPU time and memory from /proc). */
    long pid(String name) {
        return named.get(name).pid();
    }

    /** Whether a started process still runs. */
    boolean alive(String name) {
        Process p = named.get(name);
        return p != null && p.isAlive();
    }

    HttpResponse<String> get(String service, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(service, path)).header("Authorization", "Bearer " + API_TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The sum of a Prometheus series of a service's /q/metrics over the samples whose labels include every
     * {@code labels} entry ({@code key="value"}); 0 when there is none yet.
     */
    double metric(String service, String name, String... labels) throws IOException, InterruptedException {
        String body = get(service, "/q/metrics").body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + java.util.regex.Pattern.quote(name)
                + "(\\{[^}]*\\})? ([0-9.eE+-]+|NaN)$").matcher(body);
        double sum = 0;
        while (m.find()) {
            String have = m.group(1) == null ? "" : m.group(1);
            if (java.util.Arrays.stream(labels).allMatch(have::contains) && !m.group(2).equals("NaN")) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    HttpResponse<String> post(String service, String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(service, path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + API_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String service, String path) {
        return URI.create("http://127.0.0.1:" + ports.get(service) + path);
    }

    private Process start(String name, List<String> command, Map<String, String> env) {
        File logs = new File(System.getProperty("logs.dir", "target/e2e-logs"));
        logs.mkdirs();
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(logs, name + ".log"))); // a restarted service keeps its first run's log
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            processes.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + ")", e);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitPort(int port) {
        Awaitility.await("port " + port).atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            }
        });
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
