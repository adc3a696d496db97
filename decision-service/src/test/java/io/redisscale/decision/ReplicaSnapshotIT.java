package io.redisscale.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.events.Events;
import io.redisscale.events.Plan;
import io.redisscale.runtime.KafkaNames;
import io.redisscale.runtime.Replica;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The in-memory copy of a replicated topic the decisions read: the same map while nothing changed,
 * changed rows read in, a delete read as one, and what another replica stored seen too.
 */
@QuarkusTest
class ReplicaSnapshotIT {
    @Inject
    AgroalDataSource dataSource;

    @Test
    void followsEveryChangeMadeByAnyReplica() {
        String topic = "snapshot-test-" + UUID.randomUUID();
        Replica mine = new Replica(dataSource, KafkaNames.of(""));
        Replica other = new Replica(dataSource, KafkaNames.of("")); // another replica of the service, sharing the schema
        mine.applyAll(List.of(record(topic, "a", plan("a", 10)), record(topic, "b", plan("b", 20))));

        Map<String, Plan> first = mine.snapshot(topic, Plan.class);
        assertEquals(Map.of("a", plan("a", 10), "b", plan("b", 20)), first);
        assertSame(first, mine.snapshot(topic, Plan.class), "nothing changed: the same copy, nothing read");

        other.apply(record(topic, "b", plan("b", 25)));
        other.apply(record(topic, "c", plan("c", 30)));
        assertEquals(Map.of("a", plan("a", 10), "b", plan("b", 25), "c", plan("c", 30)), mine.snapshot(topic, Plan.class));

        other.apply(record(topic, "a", null)); // a tombstone
        Map<String, Plan> afterDelete = mine.snapshot(topic, Plan.class);
        assertFalse(afterDelete.containsKey("a"));
        assertEquals(Map.of("b", plan("b", 25), "c", plan("c", 30)), afterDelete);
    }

    private static Plan plan(String name, long mb) {
        return new Plan(name, "rediscloud", mb * 1_000_000L, 30, mb);
    }

    private static ConsumerRecord<String, String> record(String topic, String key, Plan value) {
        return new ConsumerRecord<>(topic, 0, 0L, key, value == null ? null : Events.write(value));
    }
}
