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
import java.util.concurrent.TimeUnit;
import io.redisscale.testsupport.TestInfra;
import io.redisscale.testsupport.TopicTail;
import org.awaitility.Awaitility;

/**
 * Starts what the end-to-end tests run against: a Redis of their own, and the four packaged services
 * as processes, each on a free port. The broker and PostgreSQL are those {@link TestInfra} chose (behind a
 * prefix and in a database of the test's own), or those a test runs itself.
 */
final class TestServers implements AutoCloseable {
    static final String API_TOKEN = "e2e-token";
    static final List<String> SERVICES = List.of("collector", "decision", "actuator", "notifier");
    /** The parent pom's {@code test.jvm.flags}: what every JVM a test starts runs with (C1 only, serial GC). */
    static final List<String> JVM_FLAGS = java.util.Arrays.stream(System.getProperty("test.jvm.flags",
            "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC").trim().split("\\s+")).filter(f -> !f.isEmpty()).toList();

    private final TestInfra.Isolation where;
    private final List<String> jvmOptions;
    private final List<Process> processes = new ArrayList<>();
    private final Map<String, Process> named = new HashMap<>();
    final Map<String, Integer> ports = new HashMap<>();
    private final Map<String, Integer> reserved = new HashMap<>();
    final HttpClient http = HttpClient.newHttpClient();

    /**
     * On {@link TestInfra}'s broker and PostgreSQL server, behind a Kafka prefix and in a database of
     * {@code name}'s own, so test classes run side by side.
     */
    TestServers(String name) {
        this(TestInfra.isolation(name), List.of());
    }

    /** On the given share of a broker and database; {@code jvmOptions} go to every service's JVM. */
    TestServers(TestInfra.Isolation where, List<String> jvmOptions) {
        this.where = where;
        this.jvmOptions = jvmOptions;
    }

    /** Where the services run: broker, Kafka prefix, database. */
    TestInfra.Isolation where() {
        return where;
    }

    /** A tail of the system's topic {@code topic} as these services name it on their broker. */
    TopicTail tail(String topic) {
        return new TopicTail(where.kafka(), where.kafkaPrefix(), topic);
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
                "--maxmemory-policy", "noeviction",
                "--maxclients", "30000"), Map.of()); // a fleet benchmark's share of instances (Redis lowers it to its file limit)
        awaitPort(port);
        return port;
    }

    /** GreenMail standalone: SMTP on the first port, its REST API (mailboxes) on the second. */
    int[] startSmtp() {
        return startSmtp(freePort(), freePort());
    }

    /** GreenMail on the given ports (again after a stop: its mailboxes start empty). */
    int[] startSmtp(int smtp, int api) {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx128m"));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + smtp,
                "-Dgreenmail.auth.disabled", "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + api,
                "-jar", System.getProperty("greenmail.jar", "target/greenmail-standalone.jar")));
        named.put("smtp", start("smtp", command, Map.of()));
        awaitPort(smtp);
        awaitPort(api);
        ports.put("smtp-api", api);
        return new int[] {smtp, api};
    }

    /** The services' readiness and liveness paths (SmallRye Health), as the deployment files probe them. */
    static final String READY_PATH = "/q/health/ready";
    static final String LIVE_PATH = "/q/health/live";
    /** SmallRye Health's startup checks: up once the application has started (Kubernetes' startupProbe). */
    static final String STARTED_PATH = "/q/health/started";

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
            all.put("KAFKA_BOOTSTRAP_SERVERS", where.kafka());
            if (!where.kafkaPrefix().isEmpty()) {
                all.put("KAFKA_PREFIX", where.kafkaPrefix());
            }
            all.put("DB_URL", where.jdbcUrl());
            all.put("DB_USER", where.dbUser());
            all.put("DB_PASSWORD", where.dbPassword());
            all.put("AUTOSCALER_SECRET_KEY", "e2e-secret");
            all.put("AUTOSCALER_API_TOKENS", API_TOKEN);
            all.put("AUTOSCALER_SERVICE_TOKEN", "e2e-service-token"); // the dashboard's calls to its peers
            // The tests' Redis servers run here: the local provider on, for this machine only.
            all.put("AUTOSCALER_LOCAL_PROVIDER", "true");
            all.put("AUTOSCALER_REDIS_ALLOW", "127.0.0.0/8");
            // Each run starts from empty schemas.
            all.put("QUARKUS_FLYWAY_CLEAN_AT_START", "true");
            all.put("QUARKUS_FLYWAY_CLEAN_DISABLED", "false");
            all.putAll(env);
            all.values().removeIf(java.util.Objects::isNull); // a null in env: that variable is not set at all
            String jar = System.getProperty("services.dir", "..") + "/" + s + "-service/target/quarkus-app/quarkus-run.jar";
            List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx256m"));
            command.addAll(JVM_FLAGS);
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar));
            java.nio.channels.FileLock slot = StartSlots.take();
            Process p;
            try {
                p = start(name, command, all);
            } catch (RuntimeException e) {
                StartSlots.release(slot);
                throw e;
            }
            named.put(name, p);
            StartSlots.releaseWhen(slot, () -> !p.isAlive() || ready(name));
        }
    }

    private boolean ready(String name) {
        try {
            return get(name, READY_PATH).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void awaitReady(String name) {
        // A JVM start takes 30-90 s on two cores while the module tests run beside the end-to-end forks: a bound, not a pace.
        Awaitility.await(name + " ready").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
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
    /** The exit code of a started process that has ended; empty while it runs. */
    java.util.OptionalInt exited(String name) {
        Process p = named.get(name);
        return p != null && !p.isAlive() ? java.util.OptionalInt.of(p.exitValue()) : java.util.OptionalInt.empty();
    }

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
                + "(\\{[^}]*\\})? ([0-9.eE+-]+|NaN)( # .*)?$").matcher(body); // an exemplar may follow: the trace of a sampled span
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

    HttpResponse<String> put(String service, String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(service, path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + API_TOKEN)
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String service, String path) {
        return URI.create("http://127.0.0.1:" + ports.get(service) + path);
    }

    /**
     * Where a started process logs: a folder per database (each test class has its own), so classes running
     * side by side do not write into one another's files.
     */
    Path log(String name) {
        String database = where.jdbcUrl().replaceAll("^.*/([^/?]+).*$", "$1");
        return Path.of(System.getProperty("logs.dir", "target/e2e-logs"), database, name + ".log");
    }

    private Process start(String name, List<String> command, Map<String, String> env) {
        File file = log(name).toFile();
        file.getParentFile().mkdirs();
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(file)); // a restarted service keeps its first run's log
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
            try (Socket ignored = new Socket("127.0.0.1", port)) {
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
