package io.redisscale.decision;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.runtime.Outbox;
import io.redisscale.testsupport.TestInfra;
import io.redisscale.testsupport.TestInfraResource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A row the broker refuses for good (over its size limit) is quarantined; the row after it is published. */
@QuarkusTest
@QuarkusTestResource(TestInfraResource.class)
class OutboxQuarantineIT {
    private static final String TOPIC = "autoscaler.it-outbox-" + UUID.randomUUID();
    @Inject
    Outbox outbox;
    @Inject
    EntityManager em;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void aRowTooLargeToPublishStopsNoOther() throws Exception {
        String big = UUID.randomUUID().toString();
        String small = UUID.randomUUID().toString();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) { // a topic of its own: no service reads it
            admin.createTopics(List.of(new NewTopic(TestInfra.own().topic(TOPIC), 1, (short) 1))).all().get();
        }
        QuarkusTransaction.requiringNew().run(() -> {
            // Written as an older release could have written it, past Outbox's own size check.
            em.createNativeQuery("INSERT INTO outbox (topic, msg_key, payload) VALUES (?1, ?2, ?3)").setParameter(1, TOPIC)
                    .setParameter(2, big).setParameter(3, "{\"detail\": \"" + "x".repeat(2_000_000) + "\"}").executeUpdate(); // over the producer's 1 MB
            outbox.add(TOPIC, small, Map.of("detail", "small"));
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> published(small));
        long quarantined = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox_quarantine WHERE msg_key = ?1 AND reason LIKE 'RecordTooLarge%'")
                .setParameter(1, big).getSingleResult()).longValue());
        assertEquals(1, quarantined);
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'outbox' }.data.quarantined", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    }

    @Test
    void anEventTooLargeForTheBrokerIsRefusedBeforeAnythingIsStored() {
        String key = UUID.randomUUID().toString();
        Outbox.TooLarge refused = org.junit.jupiter.api.Assertions.assertThrows(Outbox.TooLarge.class, () ->
                QuarkusTransaction.requiringNew().run(() -> outbox.add(TOPIC, key, Map.of("detail", "x".repeat(Outbox.MAX_EVENT_BYTES)))));
        org.junit.jupiter.api.Assertions.assertTrue(refused.getMessage().contains(TOPIC), refused.getMessage());
        long rows = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox WHERE msg_key = ?1").setParameter(1, key).getSingleResult()).longValue());
        assertEquals(0, rows, "nothing stored");
    }

    private boolean published(String key) {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(TestInfra.own().topic(TOPIC)));
            long until = System.currentTimeMillis() + 3000;
            while (System.currentTimeMillis() < until) {
                for (var r : c.poll(Duration.ofMillis(300))) {
                    if (key.equals(r.key())) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
