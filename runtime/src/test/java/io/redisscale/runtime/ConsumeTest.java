package io.redisscale.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsumeTest {
    private static final ConsumerRecord<String, String> RECORD = new ConsumerRecord<>("autoscaler.metrics", 3, 42L, "k", "v");

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
        assertEquals(transientFailure, Consume.isTransient(wrapped));
    }

    @Test
    void classifiesTheRest() {
        assertTrue(Consume.isTransient(new org.apache.kafka.common.errors.TimeoutException("broker")));
        assertTrue(Consume.isTransient(new IllegalStateException(new SQLException("Acquisition timeout while waiting for new connection"))));
        assertEquals(false, Consume.isTransient(new IllegalArgumentException("malformed MetricSample: Unexpected character")));
    }

    @Test
    void retriesATransientFailureUntilItPassesAndShowsTheStall() {
        Consume consume = new Consume(Clock.systemUTC());
        AtomicInteger runs = new AtomicInteger();
        consume.record("metrics-in", RECORD, () -> {
            if (runs.incrementAndGet() < 3) {
                assertTrue(runs.get() == 1 || consume.stalled().containsKey("metrics-in"));
                throw new RuntimeException(new SQLException("terminating connection due to administrator command", "57P01"));
            }
        });
        assertEquals(3, runs.get());
        assertTrue(consume.stalled().isEmpty());
    }

    @Test
    void throwsAPoisonRecordAtOnce() {
        Consume consume = new Consume(Clock.systemUTC());
        AtomicInteger runs = new AtomicInteger();
        IllegalArgumentException poison = new IllegalArgumentException("malformed MetricSample");
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> consume.record("metrics-in", RECORD, () -> {
            runs.incrementAndGet();
            throw poison;
        }));
        assertSame(poison, thrown);
        assertEquals(1, runs.get());
        assertEquals(java.util.Map.of("metrics-in", 1L), consume.deadLettered());
        assertTrue(consume.stalled().isEmpty());
    }
}
