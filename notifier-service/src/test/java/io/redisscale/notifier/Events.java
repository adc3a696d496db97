package io.redisscale.notifier;

import io.redisscale.testsupport.TestInfra;

import io.redisscale.events.Alert;
import io.redisscale.events.InstanceConfig;
import io.redisscale.testsupport.InstanceFixtures;
import io.redisscale.events.Plan;
import io.redisscale.events.ScaleOutcome;
import io.redisscale.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes what the other services would, onto the real broker. */
final class Events implements AutoCloseable {
    static final Instant AT = Instant.parse("2026-11-26T09:30:00Z");
    private final KafkaProducer<String, String> producer;

    Events(String bootstrap) {
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap), new StringSerializer(), new StringSerializer());
    }

    static InstanceConfig instance(String name, InstanceConfig.Notify notify, List<String> recipients) {
        return InstanceFixtures.heroku("carnot-iot", "6a3c2f0e-4b1d-4c9a-9a8e-1f2b3c4d5e6f").name(name)
                .plan("rediscloud:100").notifications(notify).recipients(recipients).updatedAt(AT).build();
    }

    void plans() throws Exception {
        send(Topics.PLANS, "rediscloud:100", new Plan("rediscloud:100", "rediscloud", 100_000_000L, 256, 10));
        send(Topics.PLANS, "rediscloud:250", new Plan("rediscloud:250", "rediscloud", 250_000_000L, 256, 26));
    }

    /** Publishes the instance and waits until the notifier's replica has it, as a registration long before would. */
    void register(InstanceConfig i) throws Exception {
        send(Topics.INSTANCES, i.id().toString(), i);
        io.redisscale.runtime.Replica replica = io.quarkus.arc.Arc.container().instance(io.redisscale.runtime.Replica.class).get();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> replica.get(Topics.INSTANCES, i.id().toString(), InstanceConfig.class).isPresent());
    }

    static Alert alert(InstanceConfig i, Alert.Kind kind, String detail) {
        return new Alert(UUID.randomUUID(), i.id(), kind, "rediscloud:100", i.name() + ": " + detail, AT);
    }

    static ScaleOutcome outcome(InstanceConfig i, ScaleOutcome.Status status, String error) {
        return outcome(i, status, null, error);
    }

    static ScaleOutcome outcome(InstanceConfig i, ScaleOutcome.Status status, ScaleOutcome.SkipReason why, String error) {
        return new ScaleOutcome(UUID.randomUUID(), UUID.randomUUID(), i.id(), status, why, "rediscloud:100", "rediscloud:250",
                "memory 231 MB is 92% of rediscloud:250's... over 80% for 60 s", AT.minusSeconds(40), AT, 38_000, error, null);
    }

    void alert(Alert a) throws Exception {
        send(Topics.ALERTS, a.instanceId().toString(), a);
    }

    void outcome(ScaleOutcome o) throws Exception {
        send(Topics.SCALE_OUTCOMES, o.instanceId().toString(), o);
    }

    void report(io.redisscale.events.SavingsReport r) throws Exception {
        send(Topics.REPORTS, r.month(), r);
    }

    /**
     * An outcome as a newer actuator may send it: its status and skip reason codes this release does not
     * know, and a field it does not know either.
     */
    void newerOutcome(ScaleOutcome o) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(io.redisscale.events.Events.write(o));
        json.put("status", "rolled_back").put("skipReason", "provider_maintenance").put("addedByANewerRelease", true);
        producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.SCALE_OUTCOMES), o.instanceId().toString(), json.toString()))
                .get(30, TimeUnit.SECONDS);
    }

    private void send(String topic, String key, Object event) throws Exception {
        producer.send(new ProducerRecord<>(TestInfra.own().topic(topic), key, io.redisscale.events.Events.write(event))).get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        producer.close();
    }
}
