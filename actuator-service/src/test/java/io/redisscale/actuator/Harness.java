package io.redisscale.actuator;

import io.redisscale.testsupport.TestInfra;

import io.redisscale.events.Events;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.Plan;
import io.redisscale.testsupport.InstanceFixtures;
import io.redisscale.events.ReasonCode;
import io.redisscale.events.ScaleCommand;
import io.redisscale.events.ScaleOutcome;
import io.redisscale.events.Topics;
import io.redisscale.runtime.Replica;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/** Drives the actuator through the real broker as the other services would: instances and commands in, outcomes out. */
final class Harness implements AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> outcomes;
    private final List<ScaleOutcome> seen = new ArrayList<>();

    Harness(String bootstrap) {
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap), new StringSerializer(), new StringSerializer());
        outcomes = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "group.id", "harness-" + UUID.randomUUID(),
                "enable.auto.commit", "false"), new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> parts = outcomes.partitionsFor(TestInfra.own().topic(Topics.SCALE_OUTCOMES)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        outcomes.assign(parts);
        outcomes.seekToEnd(parts);
        parts.forEach(outcomes::position); // fix the start before anything is published
    }

    static InstanceConfig heroku(String app, String addonId, boolean dryRun) {
        return InstanceFixtures.heroku(app, addonId).dryRun(dryRun).build();
    }

    static ScaleCommand command(InstanceConfig i, String from, String to, Instant decidedAt) {
        return new ScaleCommand(UUID.randomUUID(), i.id(), from, to, ScaleCommand.Direction.up, ReasonCode.sustained_breach, "test", null, null, decidedAt);
    }

    /** Publishes the instance (and both bundled catalogs) and waits until the actuator's replicas have them. */
    void register(InstanceConfig i, Replica replica) throws Exception {
        for (String service : io.redisscale.events.PlanCatalog.BUNDLED) {
            for (Plan p : io.redisscale.events.PlanCatalog.bundled(service)) {
                producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.PLANS), p.name(), Events.write(p))).get(30, TimeUnit.SECONDS);
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> replica.get(Topics.PLANS, "rediscloud:1000", Plan.class).isPresent()
                        && replica.get(Topics.PLANS, "heroku-redis:mini", Plan.class).isPresent());
        producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.INSTANCES), i.id().toString(), Events.write(i))).get(30, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> replica.get(Topics.INSTANCES, i.id().toString(), InstanceConfig.class).isPresent());
    }

    /** Publishes the instance's tombstone (deleted) and waits until the actuator's replica has it. */
    void delete(InstanceConfig i, Replica replica) throws Exception {
        producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.INSTANCES), i.id().toString(), null)).get(30, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> replica.deleted(Topics.INSTANCES, i.id().toString()));
    }

    void send(ScaleCommand c) throws Exception {
        producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.SCALE_COMMANDS), c.instanceId().toString(), Events.write(c)))
                .get(30, TimeUnit.SECONDS);
    }

    ScaleOutcome outcome(UUID commandId, Duration within) {
        return Awaitility.await().atMost(within).pollDelay(Duration.ZERO).until(() -> {
            poll();
            return seen.stream().filter(o -> o.commandId().equals(commandId)).findFirst().orElse(null);
        }, o -> o != null);
    }

    /** Every outcome for the command seen so far (after waiting {@code quiet} for late ones). */
    List<ScaleOutcome> outcomes(UUID commandId, Duration quiet) throws InterruptedException {
        long until = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < until) {
            poll();
        }
        return seen.stream().filter(o -> o.commandId().equals(commandId)).toList();
    }

    private void poll() {
        for (ConsumerRecord<String, String> r : outcomes.poll(Duration.ofMillis(200))) {
            seen.add(Events.read(r.value(), ScaleOutcome.class));
        }
    }

    @Override
    public void close() {
        producer.close();
        outcomes.close();
    }
}
