package io.redisscale.decision;

import io.redisscale.decision.state.InstanceStates;
import io.redisscale.decision.state.Windows;
import io.redisscale.testsupport.TestInfra;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.events.Alert;
import io.redisscale.events.Events;
import io.redisscale.events.MetricSample;
import io.redisscale.events.Plan;
import io.redisscale.events.Topics;
import io.redisscale.runtime.DeadLetters;
import io.redisscale.runtime.Replica;
import io.redisscale.testsupport.InstanceFixtures;
import io.redisscale.testsupport.TestInfraResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A record the decision service cannot use (its plan is in no catalog) goes to the dead-letter topic with
 * its reason and source; once the cause is fixed (the plan published), the dlq tool replays it and it is
 * handled.
 */
@QuarkusTest
@QuarkusTestResource(TestInfraResource.class)
class DeadLettersIT {
    @Inject
    InstanceStates states;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;
    @Inject
    Windows windows;
    @Inject
    Replica replica;

    @Test
    void aDeadLetterIsListedShownAndReplayedOnceTheCauseIsFixed() throws Exception {
        UUID id = UUID.randomUUID();
        String service = "custom-" + id.toString().substring(0, 8);
        Plan small = new Plan(service + ":42", service, 42_000_000L, 64, 5);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.INSTANCES), id.toString(), Events.write(InstanceFixtures.local("dead-" + id)
                    .id(id).service(service).plan(small.name()).minPlan(small.name()).maxPlan(small.name()).build()))).get();
            await().atMost(Duration.ofSeconds(30)).until(() -> replica.get(Topics.INSTANCES, id.toString(),
                    io.redisscale.events.InstanceConfig.class).isPresent());
            producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.METRICS), id.toString(), Events.write(new MetricSample(UUID.randomUUID(),
                    id, Instant.now(), MetricSample.Status.ok, null, 1_000_000L, 1, small.name(), small.memoryBytes(),
                    small.maxConnections(), null, null, null, null)))).get();

            DeadLetters dlq = DeadLetters.fromEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka, "KAFKA_PREFIX", TestInfra.own().kafkaPrefix()));
            DeadLetters.Letter letter = await().atMost(Duration.ofSeconds(30))
                    .until(() -> mine(dlq.list(List.of("autoscaler.dlq.decision-service")), id), l -> l != null);
            assertEquals(TestInfra.own().topic(Topics.METRICS), letter.source());
            assertTrue(letter.reason().contains("not in the catalog"), letter.reason());
            assertTrue(letter.headers().containsKey("dead-letter-offset"), letter.headers().toString());
            assertEquals(letter.value(), dlq.show(letter.id()).value());
            io.restassured.RestAssured.given().when().get("/q/health/ready").then()
                    .body("checks.find { it.name == 'consumers' }.data.'metrics-in.dead_lettered'",
                            org.hamcrest.Matchers.greaterThanOrEqualTo(1));
            // Counted for Prometheus, and the operators are told (once per episode) where it lies.
            io.restassured.RestAssured.given().header("Authorization", "Bearer test-token").when().get("/q/metrics").then()
                    .body(org.hamcrest.Matchers.containsString("autoscaler_dead_letters_total{channel=\"metrics-in\"}"));
            try (io.redisscale.testsupport.TopicTail alerts = new io.redisscale.testsupport.TopicTail(kafka, TestInfra.own().kafkaPrefix(), Topics.ALERTS)) {
                String where = TestInfra.own().topic(Topics.METRICS) + "-" + letter.headers().get("dead-letter-partition") + "@"
                        + letter.headers().get("dead-letter-offset");
                Alert alert = await().atMost(Duration.ofSeconds(30)).until(() -> alerts.values().stream()
                        .map(v -> Events.read(v, Alert.class)).filter(a -> a.detail().contains(where)).findFirst().orElse(null),
                        a -> a != null);
                assertEquals(Alert.Kind.dead_letter, alert.kind());
                assertEquals(Alert.SYSTEM, alert.instanceId());
                assertTrue(alert.detail().contains("./autoscaler dlq replay"), alert.detail());
            }

            // The cause fixed: the plan is published. The replayed sample is handled like any other.
            producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.PLANS), small.name(), Events.write(small))).get();
            await().atMost(Duration.ofSeconds(30)).until(() -> replica.get(Topics.PLANS, small.name(), Plan.class).isPresent());
            windows.forget(id);
            String back = dlq.replay(letter.id());
            assertTrue(back.startsWith(TestInfra.own().topic(Topics.METRICS) + "/"), back);
            await().atMost(Duration.ofSeconds(30)).until(() -> io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .call(() -> states.find(id).isPresent()));
            assertFalse(windows.missing(id));
        }
    }

    /** Under KAFKA_PREFIX (Heroku's multi-tenant Kafka) the tool lists the prefixed topics only and replays to the prefixed source. */
    @Test
    void theToolReadsTheBrokerAndPrefixTheServicesRead() throws Exception {
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
        String source = prefix + "autoscaler.metrics";
        UUID key = UUID.randomUUID();
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", kafka))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(prefix + "autoscaler.dlq.decision-service", 1, (short) 1),
                    new org.apache.kafka.clients.admin.NewTopic(source, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka),
                new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> dead = new ProducerRecord<>(prefix + "autoscaler.dlq.decision-service", key.toString(), "{}");
            dead.headers().add("dead-letter-topic", source.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            dead.headers().add("dead-letter-reason", "a reason".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            producer.send(dead).get();
        }
        DeadLetters dlq = DeadLetters.fromEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka, "KAFKA_PREFIX", prefix));
        List<DeadLetters.Letter> all = dlq.list(List.of());
        assertEquals(1, all.size(), all.toString()); // the unprefixed dead-letter topics of the other test are not ours
        assertEquals(key.toString(), all.get(0).key());
        assertEquals("a reason", all.get(0).reason());
        // A topic named as the system names it is the prefixed one.
        assertEquals(all, dlq.list(List.of("autoscaler.dlq.decision-service")));
        String back = dlq.replay(all.get(0).id());
        assertTrue(back.startsWith(source + "/"), back);
    }

    private static DeadLetters.Letter mine(List<DeadLetters.Letter> letters, UUID id) {
        return letters.stream().filter(l -> id.toString().equals(l.key())).findFirst().orElse(null);
    }
}
