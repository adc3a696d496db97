package io.redisscale.e2e;


import io.redisscale.testsupport.TestInfra;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Not a test: run with {@code mvn -pl e2e verify -Pbench -Dit.test=FleetBench}. The whole system on this
 * machine for a fleet: {@code bench.instances} (10,000) local instances at 30 s, spread over four
 * redis-server processes, in dry run, through the packaged collector, decision service, actuator and
 * notifier on the real broker and PostgreSQL, for {@code bench.minutes} (10) minutes after a warm-up.
 * Reports each consumer group's lag every 30 s, the time from a sample being taken to its judging (p50,
 * p99, from the decision service's own timer), each service's CPU and resident memory, and the database's
 * growth per instance per day; then each service's heap still reachable after a full GC and its open files.
 * Every service runs with {@code bench.heap} ({@code -Xmx640m}); {@code bench.replicas} runs that many collector
 * and decision-service replicas, {@code bench.servers} that many redis-server processes.
 */
class FleetBench {
    static final int INSTANCES = Integer.getInteger("bench.instances", 10_000);
    static final int MINUTES = Integer.getInteger("bench.minutes", 10);
    static final int WARMUP_S = Integer.getInteger("bench.warmup", 120);
    /** redis-server processes the fleet is spread over: each takes 127.0.0.1's 28,000 ephemeral ports at most. */
    static final int SERVERS = Integer.getInteger("bench.servers", 4);
    static final int REGISTER_THREADS = Integer.getInteger("bench.register-threads", 4);
    static final int RATE = 30;
    /** Collector and decision-service replicas (their consumer groups share the work), 1 by default. */
    static final int REPLICAS = Integer.getInteger("bench.replicas", 1);
    /** Every process measured: the four services, then the further replicas (collector-2, decision-2, ...). */
    static final List<String> SERVICES = new ArrayList<>(TestServers.SERVICES);

    static TestServers servers;

    @BeforeAll
    static void start() throws Exception {
        servers = new TestServers(TestInfra.isolation("bench-fleet"),
                List.of(System.getProperty("bench.heap", "-Xmx640m").trim().split("\\s+")));
        int[] smtp = servers.startSmtp();
        Map<String, String> env = Map.of("EMAIL_HOST", "127.0.0.1", "EMAIL_PORT", String.valueOf(smtp[0]),
                "SERVER_EMAIL", "autoscaler@example.com");
        servers.startServices(env);
        Map<String, String> replica = new HashMap<>(env);
        replica.put("QUARKUS_FLYWAY_CLEAN_AT_START", "false"); // the first one's schema, kept
        for (int r = 2; r <= REPLICAS; r++) {
            for (String s : List.of("collector", "decision")) {
                servers.startService(s, s + "-" + r, replica);
                servers.awaitReady(s + "-" + r);
                SERVICES.add(s + "-" + r);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void fleet() throws Exception {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < SERVERS; i++) {
            ports.add(servers.startRedis(0));
        }
        // This machine's PostgreSQL runs with autovacuum off (its CI settings); production's does not. The bench
        // vacuums its database every minute in its stead, so dead rows are reused as they would be.
        var vacuum = Executors.newSingleThreadScheduledExecutor();
        vacuum.scheduleWithFixedDelay(FleetBench::vacuum, 1, 1, TimeUnit.MINUTES);
        long registerStart = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(REGISTER_THREADS);
        List<Future<Integer>> created = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            int n = i;
            created.add(pool.submit(() -> {
                HttpResponse<String> r = servers.post("collector", "/api/v1/instances", """
                        {"name": "fleet-%d", "provider": "local", "redisUrl": "redis://127.0.0.1:%d", "metricRateSeconds": %d,
                         "dryRun": true}
                        """.formatted(n, ports.get(n % SERVERS), RATE));
                return r.statusCode();
            }));
        }
        long refused = 0;
        int done = 0;
        for (Future<Integer> f : created) {
            refused += f.get() == 201 ? 0 : 1;
            if (++done % 10_000 == 0) {
                System.out.printf("registered %,d in %.0f s%n", done, (System.nanoTime() - registerStart) / 1e9);
            }
        }
        pool.shutdown();
        double registerSeconds = (System.nanoTime() - registerStart) / 1e9;
        Thread.sleep(WARMUP_S * 1000L);

        Map<String, long[]> cpu0 = new HashMap<>();
        for (String s : SERVICES) {
            cpu0.put(s, new long[] {cpuTicks(servers.pid(s))});
        }
        long dbBytes0 = databaseBytes();
        Map<String, Long> tables0 = tableBytes();
        long wall0 = System.nanoTime();
        Map<String, Long> peakRss = new LinkedHashMap<>();
        List<String> lagRows = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestInfra.endpoints().kafka()))) {
            for (int t = 0; t <= MINUTES * 60; t += 30) {
                if (t > 0) {
                    Thread.sleep(30_000);
                }
                lagRows.add(String.format("| %d | %s |", t, String.join(" | ", lags(admin).entrySet().stream()
                        .map(en -> en.getKey() + " " + en.getValue()).toList())));
                for (String s : SERVICES) {
                    peakRss.merge(s, rssKb(servers.pid(s)), Math::max);
                }
            }
        }
        double wall = (System.nanoTime() - wall0) / 1e9;
        vacuum.shutdownNow();
        wireBytes();
        long dbBytes1 = databaseBytes();
        Map<String, Long> tables1 = tableBytes();
        Map<String, String> metrics = new LinkedHashMap<>();
        for (String s : SERVICES) {
            if (s.startsWith("decision")) {
                metrics.put(s, servers.get(s, "/q/metrics").body());
            }
        }

        System.out.printf("%n== fleet benchmark: %,d local instances at %d s (dry run) on %d redis-server, %d min after a %d s warm-up"
                + " (%,d registered through the API in %.0f s, %d refused)%n", INSTANCES, RATE, SERVERS, MINUTES, WARMUP_S,
                INSTANCES, registerSeconds, refused);
        System.out.println("== consumer lag (records behind) of every group, every 30 s:");
        lagRows.forEach(System.out::println);
        metrics.forEach((s, body) -> System.out.printf("== sample taken -> judged (%s): p50 %.2f s, p99 %.2f s"
                + " (its autoscaler_sample_age)%n", s, quantile(body, "0.5"), quantile(body, "0.99")));
        Map<String, Double> cores = new HashMap<>();
        for (String s : SERVICES) {
            cores.put(s, (cpuTicks(servers.pid(s)) - cpu0.get(s)[0]) / 100.0 / wall);
        }
        System.out.println("| service | CPU (cores) | RSS peak (MB) | heap live after a full GC (MB) | open files |");
        System.out.println("|---|---|---|---|---|");
        for (String s : SERVICES) {
            long pid = servers.pid(s);
            long files;
            try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
                files = fds.count();
            }
            System.out.printf("| %s | %.2f | %d | %d | %,d |%n", s, cores.get(s), peakRss.get(s) >> 10, liveHeapBytes(pid) >> 20, files);
        }
        double perInstanceDay = (dbBytes1 - dbBytes0) / (double) INSTANCES * (86_400 / wall);
        System.out.printf("== database: %,d MB at the end, grew %.1f KB per instance per day at this rate"
                + " (before the purges: samples are kept 25 h in the decision service, by retention in the collector)%n%n",
                dbBytes1 >> 20, perInstanceDay / 1024);
        packedCost();
        System.out.println("| table (with its indexes and TOAST) | at the end (MB) | grew per instance per day (KB) |");
        System.out.println("|---|---|---|");
        tables1.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(t -> {
            long grew = t.getValue() - tables0.getOrDefault(t.getKey(), 0L);
            System.out.printf("| %s | %.1f | %.1f |%n", t.getKey(), t.getValue() / 1048576.0, grew / (double) INSTANCES * (86_400 / wall) / 1024);
        });
    }

    /**
     * What a packed hour costs, per table of packed samples: its size (indexes and TOAST) over the samples and
     * instance-hours it holds, as bytes per sample and KB per instance per day at {@link #RATE} s. The tables a
     * sample waits in until its hour is packed stay bounded (an hour or two of samples) and are shown at the end.
     */
    private static void packedCost() throws Exception {
        TestInfra.Isolation e = servers.where();
        try (Connection c = DriverManager.getConnection(e.jdbcUrl(), e.dbUser(), e.dbPassword())) {
            for (String table : List.of("collector.sample_block", "decision.profile_block")) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT pg_total_relation_size('" + table + "'), "
                        + "coalesce(sum(cardinality(at_us)), 0), count(DISTINCT (instance_id, hour)) FROM " + table)) {
                    rs.next();
                    long bytes = rs.getLong(1);
                    long samples = rs.getLong(2);
                    long hours = rs.getLong(3);
                    System.out.printf("== %s: %,d samples in %,d instance-hours, %.1f bytes per sample, %.1f KB per instance per day%n",
                            table, samples, hours, samples == 0 ? Double.NaN : bytes / (double) samples,
                            samples == 0 ? Double.NaN : bytes / (double) samples * (86_400.0 / RATE) / 1024);
                }
            }
        }
    }

    /** Each table's size with its indexes and TOAST, all schemas but the catalog's. */
    private static Map<String, Long> tableBytes() throws Exception {
        TestInfra.Isolation e = servers.where();
        Map<String, Long> out = new java.util.TreeMap<>();
        try (Connection c = DriverManager.getConnection(e.jdbcUrl(), e.dbUser(), e.dbPassword());
             ResultSet rs = c.createStatement().executeQuery("SELECT n.nspname || '.' || c.relname, pg_total_relation_size(c.oid) "
                     + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' "
                     + "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    /**
     * Bytes per metric event: as JSON (key and value, averaged over a thousand read back) and as the broker keeps
     * them (the topic's log, compressed batches with their headers, over its records).
     */
    private static void wireBytes() throws Exception {
        String topic = servers.where().topic(io.redisscale.events.Topics.METRICS);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestInfra.endpoints().kafka()));
             org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                     Map.of("bootstrap.servers", TestInfra.endpoints().kafka(), "key.deserializer",
                             org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName(), "value.deserializer",
                             org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName(), "max.poll.records", "1000"))) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(tp -> {
                earliest.put(tp, OffsetSpec.earliest());
                latest.put(tp, OffsetSpec.latest());
            });
            long records = 0;
            var first = admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS);
            for (var en : admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet()) {
                records += en.getValue().offset() - first.get(en.getKey()).offset();
            }
            long logBytes = 0;
            for (var dir : admin.describeLogDirs(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream().map(n -> n.id()).toList())
                    .allDescriptions().get(30, TimeUnit.SECONDS).values()) {
                for (var d : dir.values()) {
                    for (var r : d.replicaInfos().entrySet()) {
                        if (r.getKey().topic().equals(topic)) {
                            logBytes += r.getValue().size();
                        }
                    }
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long json = 0;
            int read = 0;
            long until = System.nanoTime() + 30_000_000_000L;
            while (read < 1000 && System.nanoTime() < until) {
                for (var rec : consumer.poll(java.time.Duration.ofSeconds(1))) {
                    json += rec.value().length + (rec.key() == null ? 0 : rec.key().length);
                    read++;
                }
            }
            System.out.printf("== metric events on the wire: %.0f bytes each as JSON (key and value), %.0f bytes each as the broker"
                    + " keeps them (%,d records, %,d bytes of log)%n", read == 0 ? Double.NaN : json / (double) read,
                    records == 0 ? Double.NaN : logBytes / (double) records, records, logBytes);
        }
    }

    /** Records behind, summed over partitions, per consumer group of the system. */
    private static Map<String, Long> lags(Admin admin) throws Exception {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (ConsumerGroupListing g : admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS)) {
            if (!g.groupId().startsWith(servers.where().kafkaPrefix())) {
                continue; // another test's
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(g.groupId())
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            if (committed.isEmpty()) {
                continue;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            long lag = 0;
            for (var en : admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet()) {
                OffsetAndMetadata c = committed.get(en.getKey());
                lag += Math.max(0, en.getValue().offset() - (c == null ? 0 : c.offset()));
            }
            out.put(g.groupId(), lag);
        }
        return out;
    }

    /** The sample age's quantile {@code q} from its histogram's cumulative buckets (as histogram_quantile interpolates). */
    private static double quantile(String metrics, String q) {
        Matcher m = Pattern.compile("(?m)^autoscaler_sample_age_seconds_bucket\\{[^}]*le=\"([^\"]+)\"[^}]*\\} ([0-9.eE+-]+)( # .*)?$").matcher(metrics);
        java.util.TreeMap<Double, Double> buckets = new java.util.TreeMap<>();
        while (m.find()) {
            buckets.merge(m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double::sum);
        }
        if (buckets.isEmpty() || buckets.lastEntry().getValue() == 0) {
            return Double.NaN;
        }
        double rank = Double.parseDouble(q) * buckets.lastEntry().getValue();
        double lower = 0;
        double below = 0;
        for (var b : buckets.entrySet()) {
            if (b.getValue() >= rank) {
                return b.getKey().isInfinite() ? lower : lower + (b.getKey() - lower) * (rank - below) / Math.max(1e-9, b.getValue() - below);
            }
            lower = b.getKey();
            below = b.getValue();
        }
        return lower;
    }

    private static void vacuum() {
        TestInfra.Isolation e = servers.where();
        try (Connection c = DriverManager.getConnection(e.jdbcUrl(), e.dbUser(), e.dbPassword())) {
            c.createStatement().execute("VACUUM");
        } catch (Exception failed) {
            System.out.println("vacuum failed: " + failed.getMessage());
        }
    }

    /** The database's size, all schemas. */
    private static long databaseBytes() throws Exception {
        TestInfra.Isolation e = servers.where();
        try (Connection c = DriverManager.getConnection(e.jdbcUrl(), e.dbUser(), e.dbPassword());
             ResultSet rs = c.createStatement().executeQuery("SELECT pg_database_size(current_database())")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** User and system CPU time of a process, in clock ticks (1/100 s). */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** The heap still reachable after a full GC: the total of {@code jcmd PID GC.class_histogram}, which runs one. */
    private static long liveHeapBytes(long pid) throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), "GC.class_histogram").redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor(60, TimeUnit.SECONDS);
        Matcher total = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$").matcher(out);
        return total.find() ? Long.parseLong(total.group(1)) : -1;
    }

    private static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }
}
