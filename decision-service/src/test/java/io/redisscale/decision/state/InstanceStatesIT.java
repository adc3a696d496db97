package io.redisscale.decision.state;

import io.redisscale.decision.policy.PolicyFixtures;
import io.redisscale.testsupport.TestInfra;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.events.Events;
import io.redisscale.events.MetricSample;
import io.redisscale.events.Topics;
import io.redisscale.runtime.ConsumerGuard;
import io.redisscale.runtime.Replica;
import io.redisscale.testsupport.InstanceFixtures;
import io.redisscale.testsupport.TestInfraResource;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The loop states are read without a lock and written on the version read: a writer that changed a row
 * meanwhile is never overwritten, and the batch that lost the race is judged again on the fresh row.
 */
@QuarkusTest
@QuarkusTestResource(TestInfraResource.class)
class InstanceStatesIT {
    private static final Instant MARK = Instant.parse("2026-01-02T03:04:05Z");
    @Inject
    InstanceStates states;
    @Inject
    Replica replica;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String dbUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @Test
    void aWriteOnAnOlderVersionFailsAsATransientFailureAndKeepsTheOtherWrite() {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> states.readAll(List.of(id)));
        OptimisticLockException conflict = assertThrows(OptimisticLockException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            InstanceState mine = states.readAll(List.of(id)).get(id);
            // Another writer (an outcome) changes the row and commits while this one holds its copy.
            QuarkusTransaction.requiringNew().run(() -> {
                InstanceState theirs = states.lock(id).orElseThrow();
                theirs.lastChangeAt = MARK;
                states.write(List.of(theirs));
            });
            mine.breachOpen = true;
            states.write(List.of(mine));
        }));
        assertTrue(ConsumerGuard.isTransient(conflict), "the batch is retried, not dead-lettered");
        InstanceState stored = QuarkusTransaction.requiringNew().call(() -> states.find(id).orElseThrow());
        assertEquals(MARK, stored.lastChangeAt);
        assertEquals(false, stored.breachOpen, "the losing write is rolled back");
        assertEquals(1, stored.version);
    }

    @Test
    void everyColumnIsStoredAndReadBack() {
        UUID id = UUID.randomUUID();
        InstanceState written = QuarkusTransaction.requiringNew().call(() -> {
            InstanceState s = states.readAll(List.of(id)).get(id);
            s.lastChangeAt = MARK;
            s.pendingCommandId = UUID.randomUUID();
            s.pendingTarget = "rediscloud:100";
            s.pendingSince = MARK.plusNanos(123_456_000);
            s.breachOpen = true;
            s.atMaxOpen = true;
            s.atMinOpen = true;
            s.lastGoodSampleAt = MARK.plusSeconds(30);
            s.dataMissingOpen = true;
            s.recentChanges = List.of(MARK.minus(Duration.ofHours(20)), MARK.plusNanos(1_000));
            states.write(List.of(s));
            return s;
        });
        InstanceState read = QuarkusTransaction.requiringNew().call(() -> states.find(id).orElseThrow());
        assertEquals(written.pendingCommandId, read.pendingCommandId);
        assertEquals(List.of(written.lastChangeAt, written.pendingTarget, written.pendingSince, written.breachOpen, written.atMaxOpen,
                written.atMinOpen, written.lastGoodSampleAt, written.dataMissingOpen, written.recentChanges, 1L),
                List.of(read.lastChangeAt, read.pendingTarget, read.pendingSince, read.breachOpen, read.atMaxOpen,
                        read.atMinOpen, read.lastGoodSampleAt, read.dataMissingOpen, read.recentChanges, read.version));
    }

    @Test
    void aBatchThatRacesAnotherWriterIsJudgedAgainAndOverwritesNothing() throws Exception {
        UUID id = UUID.randomUUID();
        Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(4));
        Instant second = first.plus(Duration.ofMinutes(4)); // past the grain: the batch writes the row
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka),
                new StringSerializer(), new StringSerializer())) {
            for (var p : PolicyFixtures.CATALOG) {
                producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.PLANS), p.name(), Events.write(p))).get();
            }
            producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.INSTANCES), id.toString(),
                    Events.write(InstanceFixtures.local("raced-" + id).id(id).build()))).get();
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    replica.get(Topics.INSTANCES, id.toString(), io.redisscale.events.InstanceConfig.class).isPresent());
            producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.METRICS), id.toString(), Events.write(sample(id, first)))).get();
            await().atMost(Duration.ofSeconds(30)).until(() -> first.equals(stored(id).lastGoodSampleAt));

            try (Connection other = DriverManager.getConnection(dbUrl, dbUser, "")) {
                other.setAutoCommit(false);
                try (PreparedStatement lock = other.prepareStatement("SELECT 1 FROM decision.instance_state WHERE instance_id = ? FOR UPDATE")) {
                    lock.setObject(1, id);
                    lock.executeQuery().close();
                }
                producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.METRICS), id.toString(), Events.write(sample(id, second)))).get();
                // The batch has read the row and now waits to write it back.
                await().atMost(Duration.ofSeconds(30)).until(() -> updateWaiting(other));
                try (PreparedStatement change = other.prepareStatement("UPDATE decision.instance_state SET last_change_at = ?, "
                        + "version = version + 1 WHERE instance_id = ?")) {
                    change.setObject(1, java.time.OffsetDateTime.ofInstant(MARK, java.time.ZoneOffset.UTC));
                    change.setObject(2, id);
                    change.executeUpdate();
                }
                other.commit();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> second.equals(stored(id).lastGoodSampleAt));
            InstanceState row = stored(id);
            assertEquals(MARK, row.lastChangeAt, "the other writer's change survives the batch");
            assertEquals(3, row.version, "first batch, the other writer, the batch judged again");
        }
    }

    private InstanceState stored(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> states.find(id).orElse(new InstanceState(id)));
    }

    private static boolean updateWaiting(Connection c) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                + "AND query LIKE 'UPDATE instance_state%'"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    private static MetricSample sample(UUID id, Instant at) {
        return new MetricSample(UUID.randomUUID(), id, at, MetricSample.Status.ok, null, 10_000_000L, 2,
                "rediscloud:30", 30_000_000L, 30, 30_000_000L, 30, 0L, 0L);
    }
}
