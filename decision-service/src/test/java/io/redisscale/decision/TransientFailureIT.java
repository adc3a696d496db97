package io.redisscale.decision;

import io.redisscale.decision.policy.PolicyFixtures;
import io.redisscale.testsupport.TestInfra;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.redisscale.events.Events;
import io.redisscale.events.MetricSample;
import io.redisscale.events.Topics;
import io.redisscale.testsupport.ApiAuth;
import io.redisscale.testsupport.InstanceFixtures;
import io.redisscale.testsupport.TestInfraResource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real database fault: another session holds the decision service's state table locked, so every
 * statement on it runs into the lock timeout. The samples wait (readiness DOWN, nothing dead-lettered)
 * and are decided once the lock goes: a transient failure is retried, never dropped.
 */
@QuarkusTest
@TestProfile(TransientFailureIT.ShortLockTimeout.class)
@QuarkusTestResource(TestInfraResource.class)
class TransientFailureIT {
    /** Statements give up on a lock after a second, as on a busy production database. */
    public static class ShortLockTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.additional-jdbc-properties.options", "-c lock_timeout=1000");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String dbUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @BeforeAll
    static void token() {
        ApiAuth.useTestToken();
    }

    @Test
    void aLockedTableHoldsTheSamplesUntilItIsFreeAndNothingIsDeadLettered() throws Exception {
        UUID id = UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka),
                new StringSerializer(), new StringSerializer())) {
            for (var p : PolicyFixtures.CATALOG) {
                producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.PLANS), p.name(), Events.write(p))).get();
            }
            producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.INSTANCES), id.toString(),
                    Events.write(InstanceFixtures.local("locked-" + id).id(id).build()))).get();
            // The replica has the instance before the fault, so the fault is all that holds the samples.
            await().atMost(Duration.ofSeconds(30)).until(() -> io.quarkus.arc.Arc.container()
                    .instance(io.redisscale.runtime.Replica.class).get()
                    .get(Topics.INSTANCES, id.toString(), io.redisscale.events.InstanceConfig.class).isPresent());

            try (Connection lock = DriverManager.getConnection(dbUrl, dbUser, "")) {
                lock.setAutoCommit(false);
                try (Statement st = lock.createStatement()) {
                    st.execute("LOCK TABLE decision.instance_state IN ACCESS EXCLUSIVE MODE");
                }
                Instant start = Instant.now();
                for (int i = 3; i >= 0; i--) {
                    producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.METRICS), id.toString(),
                            Events.write(breach(id, start.minusSeconds(30L * i))))).get();
                }
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready")
                        .then().statusCode(503).body(containsString("consumers")));
                given().when().get("/api/v1/instances/" + id + "/decisions").then().statusCode(200).body("size()", equalTo(0));
                lock.rollback(); // the fault ends
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    given().when().get("/api/v1/instances/" + id + "/decisions").then()
                            .body("[0].action", equalTo("up")).body("[0].toPlan", equalTo("rediscloud:100")));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready").then().statusCode(200));
        }
        assertEquals(0, deadLetters(id), "nothing of the instance went to the dead-letter topic");
    }

    private long deadLetters(UUID id) {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of("autoscaler.dlq.decision-service"));
            long n = 0;
            long until = System.currentTimeMillis() + 3000;
            while (System.currentTimeMillis() < until) {
                for (var r : c.poll(Duration.ofMillis(300))) {
                    n += id.toString().equals(r.key()) ? 1 : 0;
                }
            }
            return n;
        }
    }

    private static MetricSample breach(UUID id, Instant at) {
        return new MetricSample(UUID.randomUUID(), id, at, MetricSample.Status.ok, null, 27_000_000L, 2,
                "rediscloud:30", 30_000_000L, 30, 30_000_000L, 30, 0L, 0L);
    }
}
