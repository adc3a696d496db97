package io.redisscale.decision.bench;

import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.events.Events;
import io.redisscale.events.InstanceConfig;
import io.redisscale.testsupport.InstanceFixtures;
import io.redisscale.events.MetricSample;
import io.redisscale.events.Plan;
import io.redisscale.events.Topics;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Not a test: run with {@code mvn -pl decision-service verify -Pbench}. How many metric events per
 * second one decision-service replica turns into decisions on the real broker and database, against
 * kafka-consumer-perf-test's rate on the same topic in the same run (the broker's ceiling).
 */
@QuarkusTest
class DecisionThroughputBench {
    static final int INSTANCES = Integer.getInteger("bench.instances", 200);
    static final int SAMPLES = Integer.getInteger("bench.samples", 20_000);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void throughput() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka));
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka, "linger.ms", "5"),
                     new StringSerializer(), new StringSerializer())) {
            Plan plan = new Plan("rediscloud:1000", "rediscloud", 1_000_000_000L, 512, 102);
            for (Plan p : List.of(new Plan("rediscloud:30", "rediscloud", 30_000_000L, 30, 0), plan)) {
                producer.send(new ProducerRecord<>(Topics.PLANS, p.name(), Events.write(p)));
            }
            UUID[] ids = new UUID[INSTANCES];
            for (int i = 0; i < INSTANCES; i++) {
                ids[i] = UUID.randomUUID();
                producer.send(new ProducerRecord<>(Topics.INSTANCES, ids[i].toString(), Events.write(InstanceFixtures.local("bench-" + i)
                        .id(ids[i]).plan(plan.name()).scalingRateSeconds(300).dryRun(true).maxPlan(plan.name()).build())));
            }
            producer.flush();
            Map<TopicPartition, Long> before = ends(admin);
            long start = System.nanoTime();
            Instant t0 = Instant.now().minusSeconds(30L * SAMPLES / INSTANCES);
            for (int n = 0; n < SAMPLES; n++) {
                UUID id = ids[n % INSTANCES];
                MetricSample s = new MetricSample(UUID.randomUUID(), id, t0.plusSeconds(30L * (n / INSTANCES)),
                        MetricSample.Status.ok, null, 300_000_000L + (n % 7) * 1_000_000L, 40, plan.name(), plan.memoryBytes(),
                        plan.maxConnections(), plan.memoryBytes(), 512, 0L, 0L);
                producer.send(new ProducerRecord<>(Topics.METRICS, id.toString(), Events.write(s)));
            }
            producer.flush();
            Map<TopicPartition, Long> after = ends(admin);
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() -> caughtUp(admin, after));
            double seconds = (System.nanoTime() - start) / 1e9;
            double serviceRate = SAMPLES / seconds;
            double perfRate = consumerPerfTest(SAMPLES);
            System.out.printf("%n== decision-service throughput: %d samples for %d instances in %.1f s = %.0f events/s%n",
                    SAMPLES, INSTANCES, seconds, serviceRate);
            System.out.printf("== kafka-consumer-perf-test on %s, same run: %.0f events/s%n", Topics.METRICS, perfRate);
            System.out.printf("== ratio service / perf-test: %.3f (before: %s)%n%n", serviceRate / perfRate, before.values());
        }
    }

    private Map<TopicPartition, Long> ends(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> req = new java.util.HashMap<>();
        for (var p : admin.describeTopics(List.of(Topics.METRICS)).allTopicNames().get().get(Topics.METRICS).partitions()) {
            req.put(new TopicPartition(Topics.METRICS, p.partition()), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> out = new java.util.HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : admin.listOffsets(req).all().get().entrySet()) {
            out.put(e.getKey(), e.getValue().offset());
        }
        return out;
    }

    private boolean caughtUp(Admin admin, Map<TopicPartition, Long> ends) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("decision-service")
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        return ends.entrySet().stream().allMatch(e -> committed.containsKey(e.getKey())
                && committed.get(e.getKey()).offset() >= e.getValue());
    }

    /** Runs Kafka's own consumer-perf-test from the broker's jars; returns messages per second. */
    private double consumerPerfTest(int messages) throws Exception {
        Path libs = Path.of(System.getProperty("kafka.libs", "../deploy/kafka/target/libs"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                libs.toAbsolutePath() + File.separator + "*", "org.apache.kafka.tools.ConsumerPerformance",
                "--bootstrap-server", kafka, "--topic", Topics.METRICS, "--messages", String.valueOf(messages),
                "--group", "perf-" + UUID.randomUUID())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        // The last line: start, end, MB consumed, MB/s, messages, messages/s, ...
        String[] lines = out.strip().split("\n");
        String[] f = lines[lines.length - 1].split(",\\s*");
        try {
            return Double.parseDouble(f[5]);
        } catch (RuntimeException e) {
            throw new IllegalStateException("unexpected consumer-perf-test output:\n" + out, e);
        }
    }
}
