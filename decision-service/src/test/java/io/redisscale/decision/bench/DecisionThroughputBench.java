package io.redisscale.decision.bench;

import io.redisscale.testsupport.TestInfra;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.events.Events;
import io.redisscale.events.MetricSample;
import io.redisscale.events.Plan;
import io.redisscale.events.Topics;
import io.redisscale.runtime.Replica;
import io.redisscale.testsupport.InstanceFixtures;
import io.smallrye.reactive.messaging.ChannelRegistry;
import jakarta.inject.Inject;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Not a test: run with {@code mvn -pl decision-service verify -Pbench}. How many metric events per
 * second one decision-service replica judges on the real broker and database, for fleets of several
 * sizes, against kafka-consumer-perf-test reading as many events of the same topic in the same run
 * (the broker's ceiling). The service's consumer is paused while a fleet's samples are produced, so
 * both read a topic that is already written. Each fleet is known and has been seen once before the timing
 * starts, and an untimed round of the first size warms the JVM: the figure is steady-state judging, not
 * the first sample of 50,000 new instances nor the interpreter's first minute.
 */
@QuarkusTest
class DecisionThroughputBench {
    static final String CURVE = System.getProperty("bench.instances", "1000,10000,50000");
    static final int SAMPLES = Integer.getInteger("bench.samples", 100_000);
    /** Timed rounds per fleet size, and as many perf-test runs: the medians are compared (this 2-core machine's rate swings by a third from second to second). */
    static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;
    @ConfigProperty(name = "mp.messaging.incoming.metrics-in.concurrency", defaultValue = "1")
    int concurrency;
    @Inject
    ChannelRegistry channels;
    @Inject
    MeterRegistry meters;
    @Inject
    Replica replica;

    @Test
    void throughput() throws Exception {
        List<String> rows = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka, "linger.ms", "5"),
                new StringSerializer(), new StringSerializer())) {
            Plan plan = new Plan("rediscloud:1000", "rediscloud", 1_000_000_000L, 512, 102);
            for (Plan p : List.of(new Plan("rediscloud:30", "rediscloud", 30_000_000L, 30, 0), plan)) {
                producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.PLANS), p.name(), Events.write(p)));
            }
            // One untimed round first, as JMH warms up: the first 100,000 samples a fresh JVM judges run
            // partly interpreted, which is a start-up cost, not the steady rate a running replica has.
            serviceRates(producer, plan, Integer.parseInt(CURVE.split(",")[0].strip()), 1);
            for (String size : CURVE.split(",")) {
                int instances = Integer.parseInt(size.strip());
                List<Double> service = serviceRates(producer, plan, instances, ROUNDS);
                List<Double> perf = new ArrayList<>();
                List<Double> fetch = new ArrayList<>();
                for (int r = 0; r < ROUNDS; r++) {
                    double[] run = consumerPerfTest(SAMPLES);
                    perf.add(run[0]);
                    fetch.add(run[1]);
                }
                rows.add(String.format("| %,d | %,d x %d | %s | %s | **%.3f** | %s | %.3f |", instances, SAMPLES, ROUNDS, rates(service),
                        rates(perf), median(service) / median(perf), rates(fetch), median(service) / median(fetch)));
            }
        }
        System.out.printf("%n== decision-service throughput, one replica, against kafka-consumer-perf-test in the same run%n");
        System.out.println("| instances | samples x rounds | service events/s (median: rounds) | perf-test events/s (median: runs) | ratio of medians"
                + " | perf-test fetching only, events/s | ratio to it |");
        System.out.println("|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.println();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** "median: each round", in events a second. */
    private static String rates(List<Double> values) {
        return String.format("%,.0f: %s", median(values), values.stream().map(v -> String.format("%,.0f", v))
                .collect(java.util.stream.Collectors.joining(" / ")));
    }

    /**
     * Registers a fleet, then {@code rounds} times writes {@link #SAMPLES} samples for it while the service is
     * paused and times their judging; the rates, in events a second.
     */
    private List<Double> serviceRates(KafkaProducer<String, String> producer, Plan plan, int instances, int rounds) throws Exception {
        UUID[] ids = new UUID[instances];
        for (int i = 0; i < instances; i++) {
            ids[i] = UUID.randomUUID();
            producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.INSTANCES), ids[i].toString(), Events.write(InstanceFixtures.local("bench-" + ids[i])
                    .id(ids[i]).plan(plan.name()).scalingRateSeconds(300).dryRun(true).maxPlan(plan.name()).build())));
        }
        producer.flush();
        // Timed from a fleet the service knows: the fleet's registration is not part of the figure.
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Map<String, ?> known = replica.snapshot(Topics.INSTANCES, io.redisscale.events.InstanceConfig.class);
            return java.util.Arrays.stream(ids).allMatch(id -> known.containsKey(id.toString()));
        });
        int perInstance = Math.max(1, SAMPLES / instances) * rounds;
        Instant t0 = Instant.now().minusSeconds(30L * (perInstance + 1));
        // One sample per instance first, not timed: the first sample of an instance since start creates its
        // state row and window, a cost paid once per instance and replica start, not per sample.
        double warm = judged();
        for (int n = 0; n < instances; n++) {
            producer.send(sample(ids[n], t0, n, plan));
        }
        producer.flush();
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(100)).until(() -> judged() - warm >= instances);
        List<Double> rates = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            pausables().forEach(io.smallrye.reactive.messaging.PausableChannel::pause);
            for (int n = 0; n < SAMPLES; n++) {
                long k = (long) round * SAMPLES + n;
                producer.send(sample(ids[n % instances], t0.plusSeconds(30L * (1 + k / instances)), n, plan));
            }
            producer.flush();
            double before = judged();
            io.micrometer.core.instrument.Timer batches = meters.timer("autoscaler.decision.batch");
            long batchesBefore = batches.count();
            double batchMsBefore = batches.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            pausables().forEach(io.smallrye.reactive.messaging.PausableChannel::resume);
            // Samples judged in each second of the round: shows whether the rate is steady or stalls now and then.
            List<Long> perSecond = new ArrayList<>();
            double[] last = {before};
            long[] nextSecond = {start + 1_000_000_000L};
            await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
                double now = judged();
                if (System.nanoTime() >= nextSecond[0]) {
                    perSecond.add(Math.round(now - last[0]));
                    last[0] = now;
                    nextSecond[0] += 1_000_000_000L;
                }
                return now - before >= SAMPLES;
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            long n = batches.count() - batchesBefore;
            System.out.printf("%,d instances, round %d: judged per second %s; %d batches, %.1f ms each on average%n", instances,
                    round + 1, perSecond, n, (batches.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS) - batchMsBefore) / Math.max(1, n));
            rates.add(SAMPLES / seconds);
        }
        return rates;
    }

    private static ProducerRecord<String, String> sample(UUID id, Instant at, int n, Plan plan) {
        MetricSample s = new MetricSample(UUID.randomUUID(), id, at, MetricSample.Status.ok, null, 300_000_000L + (n % 7) * 1_000_000L,
                40, plan.name(), plan.memoryBytes(), plan.maxConnections(), plan.memoryBytes(), 512, 0L, 0L);
        return new ProducerRecord<>(TestInfra.own().topic(Topics.METRICS), id.toString(), Events.write(s));
    }

    /** The channel and its copies ({@code concurrency}: metrics-in$1, $2, ...). */
    private List<io.smallrye.reactive.messaging.PausableChannel> pausables() {
        List<io.smallrye.reactive.messaging.PausableChannel> out = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of("metrics-in"));
        for (int i = 1; i <= concurrency; i++) {
            names.add("metrics-in$" + i);
        }
        for (String name : names) {
            io.smallrye.reactive.messaging.PausableChannel p = channels.getPausable(name);
            if (p != null && !out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private double judged() {
        return meters.counter("autoscaler.samples.judged").count();
    }

    /**
     * Runs Kafka's own consumer-perf-test from the broker's jars; returns its messages per second over the
     * whole run (its headline figure, which includes joining its group) and over its fetching alone.
     */
    private double[] consumerPerfTest(int messages) throws Exception {
        Path libs = Path.of(System.getProperty("kafka.libs", "../deploy/kafka/target/libs"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                libs.toAbsolutePath() + File.separator + "*", "org.apache.kafka.tools.ConsumerPerformance",
                "--bootstrap-server", kafka, "--topic", TestInfra.own().topic(Topics.METRICS), "--messages", String.valueOf(messages),
                "--group", "perf-" + UUID.randomUUID())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        // The last line: start, end, MB consumed, MB/s, messages, messages/s, rebalance ms, fetch ms, fetch MB/s, fetch messages/s
        String[] lines = out.strip().split("\n");
        String[] f = lines[lines.length - 1].split(",\\s*");
        try {
            return new double[] {Double.parseDouble(f[5]), Double.parseDouble(f[9])};
        } catch (RuntimeException e) {
            throw new IllegalStateException("unexpected consumer-perf-test output:\n" + out, e);
        }
    }
}
