package io.redisscale.collector.polling;

import io.redisscale.collector.registry.Instances;
import io.redisscale.collector.registry.Requests;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.OperatingSystemMXBean;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Not a test: run with {@code ./autoscaler test -pl collector-service -Pbench}. Registers 10,000 local
 * instances spread over a few redis-server processes, lets this collector poll them at 30 s, and reports
 * the polls per second achieved, the collector's CPU and memory, and, in the same run, redis-benchmark's
 * INFO throughput against the same servers (the ceiling).
 */
@QuarkusTest
class PollBench {
    static final int INSTANCES = Integer.getInteger("bench.instances", 10_000);
    static final int SERVERS = Integer.getInteger("bench.servers", 4);
    static final int WARMUP = Integer.getInteger("bench.warmup", 60);
    static final int SECONDS = Integer.getInteger("bench.seconds", 120);
    static final int RATE = 30;
    static final List<Process> REDIS = new ArrayList<>();

    @Inject
    Instances instances;

    @AfterAll
    static void stopRedis() {
        REDIS.forEach(Process::destroy);
    }

    @Test
    void pollsPerSecond() throws Exception {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < SERVERS; i++) {
            ports.add(startRedis());
        }
        long registerStart = System.nanoTime();
        for (int i = 0; i < INSTANCES; i++) {
            instances.create(Requests.local("bench-" + i, "redis://127.0.0.1:" + ports.get(i % SERVERS))
                    .metricRateSeconds(RATE).scalingEnabled(true).dryRun(true).recipients(List.of()).build(), false);
        }
        double registerSeconds = (System.nanoTime() - registerStart) / 1e9;
        Thread.sleep(WARMUP * 1000L);

        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Instant from = Instant.now();
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        long peakRss = 0;
        for (int s = 0; s < SECONDS; s += 5) {
            Thread.sleep(5000);
            peakRss = Math.max(peakRss, rssKb());
        }
        double wall = (System.nanoTime() - wall0) / 1e9;
        double cpuCores = (os.getProcessCpuTime() - cpu0) / 1e9 / wall;
        Instant to = Instant.now();
        long polls = QuarkusTransaction.requiringNew().call(() -> StoredSample.count("at >= ?1 and at < ?2", from, to));
        long failed = QuarkusTransaction.requiringNew().call(() ->
                StoredSample.count("at >= ?1 and at < ?2 and status = 'unreachable'", from, to));
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        double achieved = polls * 1000.0 / Duration.between(from, to).toMillis();
        double wanted = (double) INSTANCES / RATE;
        double ceiling = redisBenchmarkInfo(ports);

        System.out.printf("%n== collector poll benchmark: %d instances on %d redis-server, rate %d s (%d registered in %.0f s)%n",
                INSTANCES, SERVERS, RATE, INSTANCES, registerSeconds);
        System.out.printf("== polls/s achieved %.1f of %.1f wanted (ratio %.3f), %d failed polls%n",
                achieved, wanted, achieved / wanted, failed);
        System.out.printf("== collector CPU %.2f cores of %d, RSS peak %d MB, heap after GC %d MB%n",
                cpuCores, Runtime.getRuntime().availableProcessors(), peakRss >> 10, heapMb);
        System.out.printf("== redis-benchmark INFO, same servers, same run: %.0f requests/s; collector / ceiling %.4f%n%n",
                ceiling, achieved / ceiling);
        assertTrue(polls > 0, "nothing was polled");
    }

    private static int startRedis() throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory("bench-redis");
        REDIS.add(new ProcessBuilder("redis-server", "--bind", "127.0.0.1", "--port", String.valueOf(port), "--save", "",
                "--appendonly", "no", "--dir", dir.toString(), "--maxclients", String.valueOf(INSTANCES))
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start());
        for (int i = 0; i < 100; i++) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return port;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("redis-server on " + port + " did not start");
    }

    /** redis-benchmark's INFO rate, all servers at once (they share this machine's cores with the collector). */
    private static double redisBenchmarkInfo(List<Integer> ports) throws Exception {
        List<Process> runs = new ArrayList<>();
        for (int port : ports) {
            runs.add(new ProcessBuilder("redis-benchmark", "-h", "127.0.0.1", "-p", String.valueOf(port), "-c", "50",
                    "-n", "100000", "-q", "INFO").redirectErrorStream(true).start());
        }
        double total = 0;
        Pattern rate = Pattern.compile("INFO: ([0-9.]+) requests per second");
        for (Process p : runs) {
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            Matcher m = rate.matcher(out.replace('\r', '\n'));
            double last = 0;
            while (m.find()) {
                last = Double.parseDouble(m.group(1));
            }
            total += last;
        }
        return total;
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }
}
