package io.redisscale.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsumerGuardTest {
    private static final ConsumerRecord<String, String> RECORD = new ConsumerRecord<>("autoscaler.metrics", 3, 42L, "k", "v");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<String> alerts = new ArrayList<>();
    private final List<String> letters = new ArrayList<>();

    /** Alerts are noted here rather than written to an outbox. */
    private ConsumerGuard consume(Clock clock) {
        return consume(clock, new io.redisscale.runtime.tracing.Traces(io.opentelemetry.api.OpenTelemetry.noop()));
    }

    private ConsumerGuard consume(Clock clock, io.redisscale.runtime.tracing.Traces traces) {
        return new ConsumerGuard(clock, meters, new DeadLetterAlerts(null, "test-service") {
            @Override
            public void raise(String channel, ConsumerRecord<?, ?> record, String reason, Instant at) {
                alerts.add(channel + " " + record.offset() + " " + reason);
            }
        }, new DeadLetterTopic(new KafkaClients(new io.smallrye.config.SmallRyeConfigBuilder().withDefaultValue("kafka.bootstrap.servers", "unused:9092").build()), KafkaNames.of(""), "test-service", 20_000, 10_000) {
            @Override
            public void send(ConsumerRecord<?, ?> record, Throwable failure) {
                letters.add(record.offset() + " " + failure.getMessage());
            }
        }, traces);
    }

    private static List<ConsumerRecord<String, String>> batchOf(String... values) {
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(new ConsumerRecord<>("autoscaler.metrics", 0, 100L + i, "k", values[i]));
        }
        return out;
    }

    @Test
    void aGoodBatchRunsOnceAsAWhole() {
        ConsumerGuard consume = consume(Clock.systemUTC());
        List<String> wholes = new ArrayList<>();
        consume.batch("metrics-in", batchOf("a", "b", "c"), all -> all.forEach(r -> wholes.add(r.value())),
                one -> { throw new AssertionError("no record of a good batch runs alone"); });
        assertEquals(List.of("a", "b", "c"), wholes);
        assertTrue(letters.isEmpty());
    }

    @Test
    void aBatchWaitsOutATransientFailureAsAWhole() {
        ConsumerGuard consume = consume(Clock.systemUTC());
        AtomicInteger runs = new AtomicInteger();
        consume.batch("metrics-in", batchOf("a", "b"), all -> {
            if (runs.incrementAndGet() < 2) {
                throw new RuntimeException(new SQLException("the database system is starting up", "57P03"));
            }
        }, one -> { throw new AssertionError("a transient failure is not a poison record"); });
        assertEquals(2, runs.get());
        assertTrue(letters.isEmpty());
        assertTrue(consume.stalled().isEmpty());
    }

    @Test
    void aPoisonRecordInABatchGoesAloneToTheDeadLetterTopicAndTheRestAreHandledInOrder() {
        ConsumerGuard consume = consume(Clock.systemUTC());
        List<String> handled = new ArrayList<>();
        consume.batch("metrics-in", batchOf("a", "poison", "c"), all -> {
            if (all.stream().anyMatch(r -> r.value().equals("poison"))) {
                throw new IllegalArgumentException("malformed MetricSample");
            }
        }, one -> {
            if (one.value().equals("poison")) {
                throw new IllegalArgumentException("malformed MetricSample");
            }
            handled.add(one.value());
        });
        assertEquals(List.of("a", "c"), handled);
        assertEquals(List.of("101 malformed MetricSample"), letters);
        assertEquals(1L, consume.deadLettered().get("metrics-in"));
        assertEquals(1, alerts.size());
    }

    @ParameterizedTest(name = "SQLState {0} -> transient {1}")
    @CsvSource({
            "08006, true",   // connection failure: the server went away
            "08001, true",   // cannot connect
            "57P01, true",   // admin shutdown (a restart)
            "57P03, true",   // cannot connect now (starting up)
            "57014, true",   // statement timeout
            "55P03, true",   // lock not available (lock timeout)
            "40001, true",   // serialization failure
            "40P01, true",   // deadlock
            "53300, true",   // too many connections
            "23505, false",  // unique violation: the record itself
            "22P02, false",  // invalid text representation
            "42P01, false"}) // undefined table: a bug, not a fault that passes
    void classifiesDatabaseFailuresBySqlState(String state, boolean transientFailure) {
        RuntimeException wrapped = new RuntimeException("could not execute statement", new SQLException("boom", state));
        assertEquals(transientFailure, ConsumerGuard.isTransient(wrapped));
    }

    @Test
    void classifiesTheRest() {
        assertTrue(ConsumerGuard.isTransient(new org.apache.kafka.common.errors.TimeoutException("broker")));
        assertTrue(ConsumerGuard.isTransient(new IllegalStateException(new SQLException("Acquisition timeout while waiting for new connection"))));
        assertEquals(false, ConsumerGuard.isTransient(new IllegalArgumentException("malformed MetricSample: Unexpected character")));
        assertTrue(ConsumerGuard.isTransient(new RuntimeException(new jakarta.persistence.OptimisticLockException("changed meanwhile"))),
                "a row another writer changed between read and write is read anew");
    }

    /** The database stopped during a commit: Narayana's RollbackException carries the cause only as suppressed. */
    @Test
    void aCommitCutShortByTheDatabaseIsTransient() {
        javax.transaction.xa.XAException xa = new javax.transaction.xa.XAException(javax.transaction.xa.XAException.XAER_RMERR);
        xa.initCause(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        jakarta.transaction.RollbackException commit = new jakarta.transaction.RollbackException("ARJUNA016053: Could not commit transaction.");
        commit.addSuppressed(xa);
        assertTrue(ConsumerGuard.isTransient(new RuntimeException(commit)));
        assertTrue(ConsumerGuard.isTransient(new javax.transaction.xa.XAException(javax.transaction.xa.XAException.XAER_RMFAIL)));
        jakarta.transaction.RollbackException rolledBack = new jakarta.transaction.RollbackException("marked rollback only");
        rolledBack.addSuppressed(new IllegalArgumentException("the record itself"));
        assertEquals(false, ConsumerGuard.isTransient(rolledBack), "a rollback for the record's own sake stays poison");
    }

    @Test
    void retriesATransientFailureUntilItPassesAndShowsTheStall() {
        ConsumerGuard consume = consume(Clock.systemUTC());
        AtomicInteger runs = new AtomicInteger();
        consume.record("metrics-in", RECORD, () -> {
            if (runs.incrementAndGet() < 3) {
                assertTrue(runs.get() == 1 || consume.stalled().keySet().stream().anyMatch(k -> k.startsWith("metrics-in (")));
                throw new RuntimeException(new SQLException("terminating connection due to administrator command", "57P01"));
            }
        });
        assertEquals(3, runs.get());
        assertTrue(consume.stalled().isEmpty());
    }

    /** Two consumers of one channel (concurrency, or unordered workers): one succeeding leaves the other's stall shown. */
    @Test
    void aStallIsTheWaitingConsumersNotTheWholeChannels() throws Exception {
        ConsumerGuard consume = consume(Clock.systemUTC());
        java.util.concurrent.CountDownLatch dependencyBack = new java.util.concurrent.CountDownLatch(1);
        Thread waiting = new Thread(() -> consume.record("commands-in", RECORD, () -> {
            if (dependencyBack.getCount() > 0) {
                throw new RuntimeException(new SQLException("the database system is starting up", "57P03"));
            }
        }), "worker-1");
        waiting.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> consume.stalled().containsKey("commands-in (worker-1)"));
        Thread other = new Thread(() -> consume.record("commands-in", RECORD, () -> { }), "worker-2");
        other.start();
        other.join(10_000);
        assertTrue(consume.stalled().containsKey("commands-in (worker-1)"), "still waiting: " + consume.stalled());
        dependencyBack.countDown();
        waiting.join(30_000);
        assertTrue(consume.stalled().isEmpty(), consume.stalled().toString());
    }

    /** A record of a newer schema major version (a newer producer mid-upgrade): set aside with an alert, never run. */
    @Test
    void aNewerSchemaVersionIsSetAsideNotMisread() {
        ConsumerGuard consume = consume(Clock.systemUTC());
        ConsumerRecord<String, String> newer = withVersion(new ConsumerRecord<>("it-prefix.autoscaler.metrics", 0, 7L, "k", "v"), "2");
        AtomicInteger runs = new AtomicInteger();
        IllegalStateException set = assertThrows(IllegalStateException.class, () -> consume.record("metrics-in", newer, runs::incrementAndGet));
        assertTrue(set.getMessage().contains("schema version 2") && set.getMessage().contains("replay"), set.getMessage());
        assertEquals(0, runs.get(), "not read by a release that does not know it");
        assertEquals(1, alerts.size(), alerts.toString());
        // The version this release reads, and records without the header, go through.
        consume.record("metrics-in", withVersion(new ConsumerRecord<>("it-prefix.autoscaler.metrics", 0, 8L, "k", "v"), "1"), runs::incrementAndGet);
        consume.record("metrics-in", RECORD, runs::incrementAndGet);
        assertEquals(2, runs.get());
        // In a batch, only the newer record is set aside; the others are handled as one.
        List<ConsumerRecord<String, String>> batch = batchOf("a", "b", "c");
        batch.set(1, withVersion(batch.get(1), "3"));
        List<String> handled = new ArrayList<>();
        consume.batch("metrics-in", batch, all -> all.forEach(r -> handled.add(r.value())), one -> { throw new AssertionError("no poison"); });
        assertEquals(List.of("a", "c"), handled);
        assertTrue(letters.stream().anyMatch(l -> l.startsWith("101 schema version 3")), letters.toString());
    }

    private static ConsumerRecord<String, String> withVersion(ConsumerRecord<String, String> r, String version) {
        r.headers().add(io.redisscale.events.Topics.SCHEMA_VERSION_HEADER, version.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return r;
    }

    @Test
    void throwsAPoisonRecordAtOnce() {
        ConsumerGuard consume = consume(Clock.systemUTC());
        AtomicInteger runs = new AtomicInteger();
        IllegalArgumentException poison = new IllegalArgumentException("malformed MetricSample");
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> consume.record("metrics-in", RECORD, () -> {
            runs.incrementAndGet();
            throw poison;
        }));
        assertSame(poison, thrown);
        assertEquals(1, runs.get());
        assertEquals(java.util.Map.of("metrics-in", 1L), consume.deadLettered());
        assertEquals(1.0, meters.get("autoscaler.dead.letters").tag("channel", "metrics-in").counter().count());
        assertEquals(List.of("metrics-in 42 IllegalArgumentException: malformed MetricSample"), alerts);
        assertTrue(consume.stalled().isEmpty());
    }

    @Test
    void alertsOncePerEpisodeOfDeadLetters() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
        ConsumerGuard consume = consume(clock);
        Runnable poison = () -> {
            throw new IllegalArgumentException("unreadable");
        };
        for (long offset : new long[] {1, 2, 3}) { // one episode: minutes apart
            assertThrows(IllegalArgumentException.class, () -> consume.record("metrics-in",
                    new ConsumerRecord<>("autoscaler.metrics", 0, offset, "k", "v"), poison));
            clock.advance(Duration.ofMinutes(20));
        }
        assertThrows(IllegalArgumentException.class, () -> consume.record("alerts-in", RECORD, poison)); // another channel
        clock.advance(Duration.ofMinutes(61)); // a quiet hour ends the episode
        assertThrows(IllegalArgumentException.class, () -> consume.record("metrics-in",
                new ConsumerRecord<>("autoscaler.metrics", 0, 9L, "k", "v"), poison));
        assertEquals(List.of("metrics-in 1 IllegalArgumentException: unreadable", "alerts-in 42 IllegalArgumentException: unreadable",
                "metrics-in 9 IllegalArgumentException: unreadable"), alerts);
        assertEquals(4.0, meters.get("autoscaler.dead.letters").tag("channel", "metrics-in").counter().count());
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void whileTheServiceStopsAFailingRecordIsHeldNotDeadLettered() throws Exception {
        ConsumerGuard consume = consume(Clock.systemUTC());
        consume.stopping(null);
        java.util.concurrent.CompletableFuture<Throwable> thrown = new java.util.concurrent.CompletableFuture<>();
        AtomicInteger runs = new AtomicInteger();
        Thread worker = new Thread(() -> {
            try {
                consume.batch("metrics-in", batchOf("a", "b"), all -> {
                    runs.incrementAndGet();
                    throw new IllegalStateException("EntityManagerFactory is closed");
                }, one -> { throw new AssertionError("a stopping service does not look for a poison record"); });
                thrown.complete(null);
            } catch (Throwable t) {
                thrown.complete(t);
            }
        });
        worker.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> worker.getState() == Thread.State.TIMED_WAITING);
        assertTrue(!thrown.isDone(), "the record is held while the service stops");
        worker.interrupt(); // what the executor does last when it shuts down
        assertTrue(thrown.get(10, java.util.concurrent.TimeUnit.SECONDS) instanceof ConsumerGuard.Stopping);
        assertEquals(1, runs.get());
        assertTrue(letters.isEmpty(), "no dead letter");
        assertTrue(alerts.isEmpty(), "no alert");
        assertEquals(0.0, meters.find("autoscaler.dead.letters").counters().stream().mapToDouble(c -> c.count()).sum());
    }
}
