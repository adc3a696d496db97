package io.redisscale.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.runtime.Outbox;
import io.redisscale.runtime.OutboxRelay;
import io.redisscale.testsupport.TestInfra;
import io.redisscale.testsupport.TestInfraResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Several writers commit events about their own key while three relays (as three replicas sharing the
 * outbox table would) publish side by side: every key's events arrive in the order they were committed.
 */
@QuarkusTest
@QuarkusTestResource(TestInfraResource.class)
class OutboxOrderIT {
    private static final String TOPIC = "autoscaler.it-order-" + UUID.randomUUID();
    private static final int WRITERS = 6;
    private static final int EVENTS = 60;

    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void eachKeysEventsLeaveInCommitOrderWithThreeRelays() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            admin.createTopics(List.of(new NewTopic(TestInfra.own().topic(TOPIC), 3, (short) 1))).all().get();
        }
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2);
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            List<Future<?>> relays = new ArrayList<>();
            for (int r = 0; r < 2; r++) { // two more relays beside the service's own
                relays.add(pool.submit(() -> {
                    while (writing.get()) {
                        QuarkusTransaction.requiringNew().call(relay::relayBatch);
                    }
                    return null;
                }));
            }
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                String key = "writer-" + w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < EVENTS; i++) {
                        int seq = i;
                        QuarkusTransaction.requiringNew().run(() -> outbox.add(TOPIC, key, Map.of("seq", seq)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : writers) {
                f.get();
            }
            writing.set(false);
            for (Future<?> f : relays) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, List<Integer>> seen = read(WRITERS * EVENTS);
        for (int w = 0; w < WRITERS; w++) {
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                expected.add(i);
            }
            assertEquals(expected, seen.get("writer-" + w), "writer-" + w);
        }
    }

    /** Every record of the topic, by key, in the order each partition holds them (one key, one partition). */
    private Map<String, List<Integer>> read(int total) {
        Map<String, List<Integer>> out = new HashMap<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(TestInfra.own().topic(TOPIC)));
            long until = System.currentTimeMillis() + Duration.ofSeconds(60).toMillis();
            int n = 0;
            while (n < total && System.currentTimeMillis() < until) {
                for (var r : c.poll(Duration.ofMillis(500))) {
                    int seq = Integer.parseInt(r.value().replaceAll("\\D+", ""));
                    out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(seq);
                    n++;
                }
            }
        }
        return out;
    }
}
